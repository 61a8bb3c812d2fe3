"""Staff pages of the consultation desk: cases, the resident's details (audited), replies and
statistics. Only desk members of the active organisation get in (see glocal.desk.access)."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.desk import access, exporter, labels, resolve, services, statistics
from glocal.desk.forms import CaseEditForm, CaseForm, ReplyForm
from glocal.desk.forms_data import case_values
from glocal.desk.models import CannedAnswer, Case, ReferralAgency
from glocal.orgs import selection

BREAKDOWNS = ("language", "topic", "channel", "month", "nationality", "residence_status",
              "municipality")  # fmt: skip


def _desk(request):
    """The active organisation, if the signed-in person works at its desk."""
    membership = selection.active_membership(request)
    organisation = membership.organisation if membership else None
    if organisation is None or not access.is_desk_member(request.actor, organisation.pk):
        raise PermissionDenied(_("This needs a desk role in the organisation's consultation desk."))
    return organisation


def _case(request, case_id: int) -> Case:
    organisation = _desk(request)
    return get_object_or_404(access.cases(request.actor), pk=case_id, owner=organisation)


@login_required
def case_list(request):
    organisation = _desk(request)
    found = access.cases(request.actor).filter(owner=organisation).prefetch_related("topics")
    status = request.GET.get("status", "")
    if status:
        found = found.filter(status=status)
    return render(request, "desk/cases.html",
                  {"nav": "desk", "organisation": organisation, "cases": found[:200]})  # fmt: skip


@login_required
def case_new(request):
    organisation = _desk(request)
    topics = list(resolve.topics_for(organisation.pk))
    form = CaseForm(request.POST or None, topics=topics)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data | {
            "received_at": datetime.combine(form.cleaned_data["received_on"], datetime.min.time())
        }
        try:
            values = case_values(resolve.Resolver(organisation), data)
            details = services.ResidentValues(name=data["name"], email=data["email"])
            case = services.open_case(request.actor, organisation, values, details)
        except ValidationError as exc:
            for name, problems in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("Case #%(number)s opened.") % {"number": case.pk})
            return redirect("desk:case", case.pk)
    return render(request, "desk/case_form.html", {"nav": "desk", "form": form},
                  status=400 if form.errors else 200)  # fmt: skip


def _initial(case: Case) -> dict:
    """The case as the edit form shows it: codes and names the resolver reads back."""
    return {
        "received_on": case.received_on, "channel": case.channel, "language": case.language,
        "interpretation": case.interpretation,
        "topics": [topic.code for topic in case.topics.all()],
        "nationality": case.nationality.code if case.nationality else "",
        "municipality": case.municipality.code if case.municipality else "",
        "summary": case.summary, "status": case.status, "closed_on": case.closed_on,
        "residence_status": case.residence_status, "age_band": case.age_band,
        "gender": case.gender, "actions": case.actions,
        "referrals": [agency.name for agency in case.referrals.all()],
        "follow_up_on": case.follow_up_on, "minutes": case.minutes,
    }  # fmt: skip


@login_required
def case_edit(request, case_id: int):
    case = _case(request, case_id)
    organisation = case.owner
    form = CaseEditForm(
        request.POST or None, initial=_initial(case),
        topics=list(resolve.topics_for(organisation.pk)),
        agencies=ReferralAgency.objects.filter(owner=organisation),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        # The day is what the form edits; an unchanged day keeps the time the case came in.
        data["received_at"] = (
            case.received_at if data["received_on"] == case.received_on
            else datetime.combine(data["received_on"], datetime.min.time())
        )  # fmt: skip
        try:
            values = case_values(resolve.Resolver(organisation), data)
            values.assignee, values.first_reply_at = case.assignee, case.first_reply_at
            services.update_case(request.actor, case, values)
        except ValidationError as exc:
            for name, problems in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("Case #%(number)s saved.") % {"number": case.pk})
            return redirect("desk:case", case.pk)
    return render(request, "desk/case_edit.html", {"nav": "desk", "case": case, "form": form},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
def case_detail(request, case_id: int):
    case = _case(request, case_id)
    answers = CannedAnswer.objects.filter(owner_id=case.owner_id)
    form = ReplyForm(request.POST or None, answers=answers)
    if request.method == "POST" and form.is_valid():
        answer = answers.filter(pk=form.cleaned_data["answer"] or None).first()
        try:
            services.reply(request.actor, case, form.cleaned_data["body"], answer)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The reply is recorded and waits for the outbox."))
            return redirect("desk:case", case.pk)
    context = {
        "nav": "desk", "case": case, "form": form,
        "language": labels.value("language", case.language),
    }  # fmt: skip
    return render(request, "desk/case.html", context, status=400 if form.errors else 200)


@login_required
def resident(request, case_id: int):
    """The resident's details and the thread: each view is written to the audit log."""
    case = _case(request, case_id)
    details = services.resident_details(request.actor, case)
    thread = services.thread(request.actor, case)
    return render(request, "desk/resident.html",
                  {"nav": "desk", "case": case, "resident": details, "thread": thread})  # fmt: skip


def _fiscal_year(request) -> int:
    try:
        return wareki.parse_fiscal_year(request.GET.get("fy") or statistics.fiscal_year_of_today())
    except ValueError:
        return statistics.fiscal_year_of_today()


def _breakdown(organisation_id: int, fy: int, name: str) -> dict:
    cells = statistics.table(organisation_id, fy, (name,))
    if name == "month":
        cells = sorted(cells, key=lambda cell: cell.key)
    largest = max((cell.count for cell in cells), default=0) or 1
    rows = [
        {"label": labels.value(name, cell.key[0]), "shown": cell.shown,
         "width": 0 if cell.suppressed else round(200 * cell.count / largest)}
        for cell in cells
    ]  # fmt: skip
    return {"name": name, "title": labels.dimension(name), "rows": rows}


@login_required
def statistics_page(request):
    organisation = _desk(request)
    fy = _fiscal_year(request)
    context = {
        "nav": "desk", "organisation": organisation, "fy": fy,
        "fy_label": wareki.fiscal_year_label(fy),
        "total": statistics.total(organisation.pk, fy),
        "breakdowns": [_breakdown(organisation.pk, fy, name) for name in BREAKDOWNS],
        "replies": statistics.reply_times(organisation.pk, fy),
        "reply_days": statistics.REPLY_DAYS,
        "open_by_age": statistics.open_by_age(organisation.pk),
    }  # fmt: skip
    return render(request, "desk/statistics.html", context)


@login_required
def statistics_export(request, fmt: str):
    organisation = _desk(request)
    fy = _fiscal_year(request)
    if fmt == "xlsx":
        data, kind = (
            exporter.to_xlsx(organisation.pk, fy),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    else:
        data, kind = exporter.to_csv(organisation.pk, fy), "text/csv; charset=utf-8"
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="desk-FY{fy}.{fmt}"'
    return response
