"""Staff pages (the organisation's markets, a country's profile with its XLSX, importing a
statistics file) and the public pages (an organisation's markets and country profiles)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from glocal.core import tables, uploads
from glocal.markets import layouts, pages, scoring, services, workbook
from glocal.markets.models import FocusMarket, StatisticImport
from glocal.orgs import scoping, selection
from glocal.orgs.actors import ANONYMOUS
from glocal.orgs.models import Organisation, Role
from glocal.places.models import Country


def _organisation(request):
    membership = selection.active_membership(request)
    if membership is None:
        raise PermissionDenied(_("You are not a member of any organisation."))
    return membership.organisation


@login_required
def overview(request):
    organisation = _organisation(request)
    context = pages.overview(request.actor, organisation)
    weights = scoring.weights_of(organisation.pk)
    context |= {
        "nav": "markets",
        "imports": StatisticImport.objects.filter(owner=organisation)[:10],
        "can_edit": request.actor.has_role(organisation.pk, Role.EDITOR),
        "focus_markets": list(
            Country.objects.filter(
                code__in=FocusMarket.objects.filter(owner=organisation).values("country")
            ).values_list("name_ja", flat=True)
        ),
    }
    context["factors"] = [(k, label, weights.get(k, 1.0)) for k, label in scoring.factors()]
    return render(request, "markets/overview.html", context)


@login_required
def weights(request):
    organisation = _organisation(request)
    if request.method != "POST":
        return redirect("markets:overview")
    found = {}
    for key, _label in scoring.factors():
        if key not in request.POST:
            continue  # a factor registered after the form was shown keeps its weight
        raw = request.POST[key]
        try:
            value = float(tables.parse_number(raw))
        except ValueError:
            messages.error(request, _("%(factor)s: enter a number from 0 to 10.") % {"factor": key})
            return redirect("markets:overview")
        if not 0 <= value <= 10:
            messages.error(request, _("%(factor)s: enter a number from 0 to 10.") % {"factor": key})
            return redirect("markets:overview")
        found[key] = value
    services.set_weights(request.actor, organisation.pk, found)
    messages.success(request, _("The weights are saved."))
    return redirect("markets:overview")


@login_required
def focus_markets(request):
    """The organisation's focus markets: the countries its derived indicators count. Offered:
    the ones chosen, the 30 best by the score, and any other by its ISO code."""
    organisation = _organisation(request)
    can_edit = request.actor.has_role(organisation.pk, Role.EDITOR)
    if request.method == "POST":
        codes = request.POST.getlist("country")
        codes += request.POST.get("other", "")[:500].replace("、", ",").split(",")
        try:
            services.set_focus_markets(request.actor, organisation.pk, codes)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The focus markets are saved."))
        return redirect("markets:focus")
    chosen = list(
        scoping.visible(FocusMarket.objects.filter(owner=organisation), request.actor).values_list(
            "country", flat=True
        )
    )
    prefecture = pages.prefecture_of(organisation)
    ranked = scoring.rank(prefecture, scoring.weights_of(organisation.pk)) if prefecture else []
    names = dict(Country.objects.values_list("code", "name_ja"))
    offered = list(dict.fromkeys(chosen + [item["country"] for item in ranked[:30]]))
    scores = {item["country"]: item["score"] for item in ranked}
    context = {
        "nav": "markets",
        "organisation": organisation,
        "can_edit": can_edit,
        "countries": [
            {"code": c, "name": names.get(c, c), "score": scores.get(c), "chosen": c in chosen}
            for c in offered
        ],
    }
    return render(request, "markets/focus.html", context)


@login_required
def import_file(request):
    """Every upload is imported in the background (files up to the web's limits): the page
    lists the imports with their counters."""
    organisation = _organisation(request)
    scoping.require(request.actor, organisation.pk, Role.EDITOR)
    upload = request.FILES.get("file")
    if request.method != "POST" or upload is None:
        return redirect("markets:overview")
    try:
        data = uploads.read_bounded(upload)
        uploads.open_bounded(data)
    except uploads.UnreadableFile as exc:
        messages.error(request, str(exc))
        return redirect("markets:overview")
    layout = request.POST.get("layout", "tidy")
    if layout not in layouts.LAYOUTS:
        messages.error(request, _("Choose one of the layouts offered."))
        return redirect("markets:overview")
    services.queue_import(request.actor, organisation.pk, upload.name, data, layout)
    messages.success(request, _("The file is being checked; this page shows its progress."))
    return redirect("markets:overview")


def _profile(request, organisation, code: str):
    country = get_object_or_404(Country, code=code.upper())
    return pages.country_profile(request.actor, organisation, country)


@login_required
def country(request, code: str):
    context = _profile(request, _organisation(request), code)
    context["nav"] = "markets"
    return render(request, "markets/country.html", context)


@login_required
def country_xlsx(request, code: str):
    context = _profile(request, _organisation(request), code)
    data = workbook.profile_xlsx(context)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="market-{context["country"].code}.xlsx"'
    )
    return response


# -- public -------------------------------------------------------------------------------------


def _public_organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def public_index(request):
    """The organisations of prefectures and municipalities, each with its markets page."""
    found = Organisation.objects.filter(local_government__isnull=False).order_by("name")
    return render(request, "markets/public_index.html", {"organisations": found})


def public_overview(request, slug: str):
    organisation = _public_organisation(slug)
    context = pages.overview(ANONYMOUS, organisation)
    return render(request, "markets/public_overview.html", context)


def public_country(request, slug: str, code: str):
    """The public parts only: figures and sections as anyone may see them."""
    context = _profile(_Anonymous(request), _public_organisation(slug), code)
    return render(request, "markets/public_country.html", context)


class _Anonymous:
    """The request as anonymous: the public page shows the same to a signed-in member."""

    def __init__(self, request):
        self.actor = ANONYMOUS
