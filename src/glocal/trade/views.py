"""Public pages: the matrix, a measure's history, alerts (staff pages are in `staff`)."""

from datetime import date

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from glocal import wareki
from glocal.orgs import scoping
from glocal.places.models import LocalGovernment
from glocal.trade import matrix, queries
from glocal.trade.models import Measure

FUKUSHIMA = "070009"


def _date(raw: str | None) -> tuple[date, str]:
    """The date asked for (any form wareki reads), else today, and what was wrong, if any."""
    if raw:
        try:
            return wareki.parse_date(raw), ""
        except ValueError as exc:
            return timezone.localdate(), str(exc)
    return timezone.localdate(), ""


def public_matrix(request):
    """Countries and regions × product groups for one prefecture on one date."""
    on, problem = _date(request.GET.get("on"))
    prefectures = list(LocalGovernment.objects.prefectures().current())
    chosen = request.GET.get("prefecture") or FUKUSHIMA
    prefecture = next((p for p in prefectures if p.code == chosen), None)
    status = 200 if prefecture and not problem else 400
    if prefecture is None:
        problem = problem or _("Choose a prefecture from the list.")
        prefecture = next(p for p in prefectures if p.code == FUKUSHIMA)
    versions = queries.visible_versions(request.actor)
    groups, rows, items = matrix.build(versions, prefecture.code, on)
    counts = queries.count_by_date(versions, prefecture=prefecture.code)
    context = {
        "on": on, "problem": problem, "prefectures": prefectures, "prefecture": prefecture,
        "groups": groups, "rows": rows, "items": items, "short": matrix.SHORT,
        "counts": counts, "peak": max((n for _d, n in counts), default=0) or 1,
        "any_illustrative": any(i.version.illustrative for i in items),
    }  # fmt: skip
    return render(request, "trade/public_matrix.html", context, status=status)


def public_measure(request, measure_id: int):
    found = scoping.visible(Measure.objects.select_related("country"), request.actor)
    measure = get_object_or_404(found, pk=measure_id)
    return render(
        request,
        "trade/public_measure.html",
        {"measure": measure, "history": queries.history(measure)},
    )


def public_subscribe(request):
    """Subscribe to alerts on a country or region, a product group or a prefecture."""
    from glocal.orgs.actors import client_ip
    from glocal.trade import alerts, hs

    context = {
        "groups": hs.groups(),
        "countries": queries.alerting_countries(),
        "prefectures": LocalGovernment.objects.prefectures().current(),
        "sent": False,
    }
    status = 200
    if request.method == "POST":
        topic = request.POST.get("topic", "")
        try:
            alerts.subscribe(
                request.POST.get("email", "")[:254], request.POST.get("language", "ja"),
                topic, request.POST.get(topic, "")[:64], client_ip(request),
            )  # fmt: skip
            context["sent"] = True
        except alerts.InvalidSubscription as exc:
            context["problem"], status = str(exc), 422
    return render(request, "trade/public_subscribe.html", context, status=status)


def public_confirm(request, token: str):
    from glocal.trade import alerts

    found = alerts.confirm(token)
    return render(
        request, "trade/public_confirmed.html", {"found": found}, status=200 if found else 404
    )


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without our form
def public_leave(request, token: str):
    from glocal.trade import alerts

    left = request.method == "POST" and alerts.unsubscribe(token)
    return render(request, "trade/public_leave.html", {"left": left, "token": token})
