"""Staff pages for affiliations: the list, importing with a preview, exports and statistics;
and the public list."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core import uploads
from glocal.orgs import scoping, selection
from glocal.orgs.actors import ANONYMOUS
from glocal.orgs.models import Role
from glocal.partners import exporter, importer, matching, services, statistics
from glocal.partners.forms import ExchangeForm, ProfileForm, RequestForm
from glocal.partners.models import Affiliation, AffiliationImport, PartnerRequest
from glocal.places.models import LocalGovernment

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
                report = services.import_rows(request.actor, organisation.pk, checked.rows)
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
                table = importer.read_table(data, upload.name)
            except importer.UnreadableFile as exc:
                context["unreadable"] = str(exc)
                status = 422
            else:
                rows = importer.data_rows(table)
                if rows > importer.WEB_ROW_LIMIT:
                    # Too many to check while someone waits: a background task does it.
                    services.queue_import(request.actor, organisation.pk, upload.name, data, rows)
                    messages.info(
                        request,
                        _("%(rows)s rows are more than %(limit)s: the file is checked and "
                          "imported in the background. Its progress is shown below.")
                        % {"rows": rows, "limit": importer.WEB_ROW_LIMIT},
                    )  # fmt: skip
                    return redirect("partners:import")
                checked = importer.check(table)
                checked.problems += services.place_problems(
                    request.actor, organisation.pk, checked.rows
                )
                context.update(checked=checked, name=upload.name)
                if checked.problems:
                    status = 422
                else:
                    request.session[SESSION_KEY] = {
                        "name": upload.name,
                        "data": base64.b64encode(data).decode(),
                    }
    context["jobs"] = AffiliationImport.objects.filter(owner=organisation).defer("data")[:10]
    context["limit"] = importer.WEB_ROW_LIMIT
    return render(request, "partners/import.html", context, status=status)


@login_required
def export(request, format: str):
    """What the signed-in person may see: public affiliations and their organisations' own."""
    visible = _affiliations(request.actor)
    if format == "xlsx":
        response = HttpResponse(
            exporter.to_xlsx(visible),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(exporter.to_csv(visible), content_type="text/csv; charset=utf-8")
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
    affiliations = scoping.visible(Affiliation.objects.all(), ANONYMOUS).select_related(
        "local_government__prefecture", "partner__country"
    )
    return render(request, "partners/public.html", {"affiliations": affiliations[:1000]})


def _request_context(found, limit=10):
    return {"request_": found, "matches": matching.rank(found, limit=limit)}


def public_requests(request):
    """Approved partner requests, each with its best matches and why."""
    found = scoping.visible(PartnerRequest.objects.all(), ANONYMOUS).select_related("country")
    items = [_request_context(r, limit=5) for r in found[:20]]
    return render(request, "partners/public_requests.html", {"items": items})


def _profile_place(request, organisation) -> LocalGovernment | None:
    """The place whose profile is edited: the organisation's own unless the form names
    another (a prefecture keeps its municipalities' profiles too; the service checks)."""
    code = (request.POST.get("place") or "").strip()[:6]
    if not code:
        return organisation.local_government
    return get_object_or_404(LocalGovernment, code=code)


def _profile_initial(profile) -> dict:
    if profile is None:
        return {}
    return {
        "countries": ", ".join(profile.countries),
        "fields": profile.fields,
        "conditions": profile.conditions,
        "pr": profile.pr,
    }


def _save_profile(request, organisation):
    """The profile form after a POST: None once saved, else the form with its errors."""
    place = _profile_place(request, organisation)
    form = ProfileForm(request.POST)
    if not form.is_valid():
        return form
    try:
        services.save_profile(request.actor, organisation, place, **form.cleaned_data)
    except ValidationError as exc:
        for name, problems in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
        return form
    return None


def _save_request(request, organisation, form):
    """The request form after a POST: None once saved, else the form with its errors."""
    if not form.is_valid():
        return form
    data = form.cleaned_data
    try:
        services.create_request(
            request.actor, organisation.pk, name=data["name"], country=data["country"],
            population=data["population"], latitude=data["latitude"], profile=data["profile"],
            fields=data["wanted"], preferred_prefectures=list(data["preferred_prefectures"]),
        )  # fmt: skip
    except ValidationError as exc:
        for name, problems in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
        return form
    return None


@login_required
def staff_requests(request):
    """The organisation's partner requests: enter one, approve (administrators), see matches;
    and the partner-seeking profile of its place."""
    organisation = _organisation(request)
    is_admin = scoping.is_admin(request.actor, organisation)
    status = 200
    place = organisation.local_government
    form, profile_form = RequestForm(), None
    if request.method == "POST" and request.POST.get("approve"):
        found = get_object_or_404(
            PartnerRequest.objects.filter(owner=organisation), pk=_number(request.POST["approve"])
        )
        services.approve_request(request.actor, found)
        messages.success(request, _("The request is approved and public."))
        return redirect("partners:requests")
    if request.method == "POST" and request.POST.get("profile"):
        scoping.require(request.actor, organisation.pk, Role.EDITOR)
        profile_form = _save_profile(request, organisation)
        if profile_form is None:
            messages.success(request, _("The partner-seeking profile is saved."))
            return redirect("partners:requests")
        status = 422
    elif request.method == "POST":
        scoping.require(request.actor, organisation.pk, Role.EDITOR)
        form = _save_request(request, organisation, RequestForm(request.POST))
        if form is None:
            messages.success(request, _("The request is saved and waits for approval."))
            return redirect("partners:requests")
        status = 422
    if profile_form is None:
        profile_form = ProfileForm(initial=_profile_initial(services.profile_of(place)))
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


def _number(text: str) -> int:
    """A record id from a form; 0 (found nowhere) for anything else."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0


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
            try:
                services.add_exchange(request.actor, found, form.cleaned_data)
            except ValidationError as exc:
                for name, problems in exc.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                messages.success(request, _("The exchange is recorded."))
                return redirect("partners:detail", found.pk)
        status = 422
    context = {"nav": "partners", "affiliation": found, "form": form, "can_edit": can_edit}
    return render(request, "partners/detail.html", context, status=status)
