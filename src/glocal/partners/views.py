"""Staff pages for affiliations: the list, importing with a preview, exports and statistics;
and the public list."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core import uploads
from glocal.orgs import scoping, selection
from glocal.orgs.models import Role
from glocal.partners import exporter, importer, matching, statistics
from glocal.partners.forms import ExchangeForm, ProfileForm, RequestForm
from glocal.partners.models import Affiliation, PartnerProfile, PartnerRequest

SESSION_KEY = "glocal_partners_import"


def _affiliations(actor):
    found = Affiliation.objects.select_related(
        "local_government__prefecture", "partner__country", "partner__subdivision"
    )
    return scoping.visible(found, actor)


@login_required
def affiliation_list(request):
    return render(
        request,
        "partners/list.html",
        {"nav": "partners", "affiliations": _affiliations(request.actor)[:500]},
    )


def _organisation(request):
    """The organisation the signed-in person is working for (the switcher's choice)."""
    membership = selection.active_membership(request)
    if membership is None:
        raise PermissionDenied(_("You are not a member of any organisation."))
    return membership.organisation


@login_required
def import_file(request):
    organisation = _organisation(request)
    scoping.require(request.actor, organisation.pk, Role.EDITOR)
    context = {"nav": "partners", "organisation": organisation}
    status = 200
    if request.method == "POST" and request.POST.get("action") == "import":
        stored = request.session.pop(SESSION_KEY, None)
        if stored:
            data = base64.b64decode(stored["data"])
            checked = importer.check(importer.read_table(data, stored["name"]))
            if not checked.problems:
                report = importer.write(checked.rows, organisation.pk)
                messages.success(
                    request,
                    _("%(created)s affiliations added, %(updated)s updated.")
                    % {"created": report.created, "updated": report.updated},
                )
                return redirect("partners:list")
        messages.error(request, _("Check the file again before importing."))
    elif request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["unreadable"] = _("Choose a CSV or XLSX file.")
            status = 422
        else:
            data = uploads.read_bounded(upload)  # enough to refuse a file beyond the limit
            try:
                checked = importer.check(importer.read_table(data, upload.name))
            except importer.UnreadableFile as exc:
                context["unreadable"] = str(exc)
                status = 422
            else:
                context.update(checked=checked, name=upload.name)
                if checked.problems:
                    status = 422
                else:
                    request.session[SESSION_KEY] = {
                        "name": upload.name,
                        "data": base64.b64encode(data).decode(),
                    }
    return render(request, "partners/import.html", context, status=status)


@login_required
def export(request, format: str):
    if format == "xlsx":
        response = HttpResponse(
            exporter.to_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(exporter.to_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="affiliations.{format}"'
    return response


@login_required
def statistics_page(request):
    visible = _affiliations(request.actor)
    countries = statistics.by_country(visible)
    next_year = wareki.fiscal_year(timezone.localdate()) + 1
    exchange_years, exchange_rows = statistics.exchanges_by_field_and_year(visible)
    context = {
        "nav": "partners",
        "countries": countries,
        "prefectures": statistics.by_prefecture(visible),
        "decades": statistics.by_decade(visible),
        "country_chart": mark_safe(  # built from numbers and escaped names
            statistics.bar_chart([(c["name"], c["total"]) for c in countries[:10]])
        ),
        "decade_chart": mark_safe(statistics.bar_chart(statistics.by_decade(visible))),
        "total": visible.count(),
        "fiscal_year": wareki.fiscal_year_label(next_year),
        "anniversaries": statistics.anniversaries(next_year, visible),
        "exchange_years": [wareki.fiscal_year_label(y) for y in exchange_years],
        "exchange_rows": exchange_rows,
    }
    return render(request, "partners/statistics.html", context)


@login_required
def statistics_xlsx(request):
    response = HttpResponse(
        statistics.to_xlsx(_affiliations(request.actor)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="partnership-statistics.xlsx"'
    return response


def public_list(request):
    affiliations = Affiliation.objects.filter(is_public=True).select_related(
        "local_government__prefecture", "partner__country"
    )
    return render(request, "partners/public.html", {"affiliations": affiliations[:1000]})


def _request_context(found, limit=10):
    return {"request_": found, "matches": matching.rank(found, limit=limit)}


def public_requests(request):
    """Approved partner requests, each with its best matches and why."""
    found = PartnerRequest.objects.filter(status=PartnerRequest.Status.APPROVED).select_related(
        "country"
    )
    items = [_request_context(r, limit=5) for r in found[:20]]
    return render(request, "partners/public_requests.html", {"items": items})


@login_required
def staff_requests(request):
    """The organisation's partner requests: enter one, approve (administrators), see matches."""
    organisation = _organisation(request)
    is_admin = scoping.is_admin(request.actor, organisation)
    status = 200
    place = organisation.local_government
    profile_form = None
    if request.method == "POST" and request.POST.get("approve"):
        scoping.require(request.actor, organisation.pk, Role.ADMIN)
        PartnerRequest.objects.filter(owner=organisation, pk=request.POST["approve"]).update(
            status=PartnerRequest.Status.APPROVED, is_public=True
        )
        messages.success(request, _("The request is approved and public."))
        return redirect("partners:requests")
    if request.method == "POST" and request.POST.get("profile") and place is not None:
        scoping.require(request.actor, organisation.pk, Role.EDITOR)
        profile_form = ProfileForm(request.POST)
        if profile_form.is_valid():
            data = profile_form.cleaned_data
            PartnerProfile.objects.update_or_create(
                local_government=place,
                defaults={
                    "owner": organisation,
                    "countries": f",{','.join(data['countries'])}," if data["countries"] else "",
                    "fields": f",{','.join(sorted(data['fields']))}," if data["fields"] else "",
                    "conditions": data["conditions"],
                    "pr": data["pr"],
                },
            )
            messages.success(request, _("The partner-seeking profile is saved."))
            return redirect("partners:requests")
        status = 422
    form = RequestForm(None if request.POST.get("profile") else (request.POST or None))
    if request.method == "POST" and not request.POST.get("profile"):
        scoping.require(request.actor, organisation.pk, Role.EDITOR)
        if form.is_valid():
            found = form.save(commit=False)
            found.owner = organisation
            found.set_fields(form.cleaned_data["wanted"])
            found.save()
            form.save_m2m()
            messages.success(request, _("The request is saved and waits for approval."))
            return redirect("partners:requests")
        status = 422
    place = organisation.local_government
    profile = PartnerProfile.objects.filter(local_government=place).first() if place else None
    profile_form = ProfileForm(
        request.POST if request.POST.get("profile") else None,
        initial={
            "countries": ", ".join(
                c for c in (profile.countries if profile else "").split(",") if c
            ),
            "fields": [f for f in (profile.fields if profile else "").split(",") if f],
            "conditions": profile.conditions if profile else "",
            "pr": profile.pr if profile else "",
        },
    )
    requests = PartnerRequest.objects.filter(owner=organisation).select_related("country")
    context = {
        "nav": "partners",
        "form": form,
        "profile_form": profile_form,
        "place": place,
        "is_admin": is_admin,
        "items": [_request_context(r) for r in requests[:20]],
    }
    return render(request, "partners/requests.html", context, status=status)


@login_required
def affiliation_detail(request, affiliation_id: int):
    found = get_object_or_404(
        _affiliations(request.actor).prefetch_related("exchanges"), pk=affiliation_id
    )
    can_edit = scoping.can_change(request.actor, found)
    form = ExchangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        scoping.require(request.actor, found.owner_id, Role.EDITOR)
        if form.is_valid():
            exchange = form.save(commit=False)
            exchange.affiliation = found
            exchange.save()
            messages.success(request, _("The exchange is recorded."))
            return redirect("partners:detail", found.pk)
        status = 422
    context = {"nav": "partners", "affiliation": found, "form": form, "can_edit": can_edit}
    return render(request, "partners/detail.html", context, status=status)
