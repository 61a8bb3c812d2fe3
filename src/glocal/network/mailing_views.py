"""Staff pages for groups (fixed lists and saved searches) and mailings: the list, one group
with its members, and the composer with its preview of who gets which language. Pages show
names, countries and languages, never addresses: those are on the contact's own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glocal import languages
from glocal.network import mailings
from glocal.network.forms import ComposerForm, GroupForm
from glocal.network.models import Contact, Group, Mailing, Recipient
from glocal.network.views import _number, _organisation, _put_errors
from glocal.orgs import scoping
from glocal.orgs.models import Role

ALWAYS_OFFERED = ("ja", "en")


def _groups(request):
    organisation = _organisation(request)
    found = scoping.owned(Group.objects.all(), request.actor).filter(owner=organisation)
    return organisation, found


def _mailings(request):
    organisation = _organisation(request)
    found = scoping.owned(Mailing.objects.all(), request.actor).filter(owner=organisation)
    return organisation, found


@login_required
def mailing_list(request):
    organisation, groups = _groups(request)
    _unused, found = _mailings(request)
    rows = [(m, mailings.report(m)) for m in found.select_related("group")[:100]]
    may_edit = scoping.can_change(request.actor, Group(owner=organisation))
    form = GroupForm(request.POST or None) if may_edit else None
    status = 200
    if request.method == "POST":
        scoping.require(request.actor, organisation.pk, Role.EDITOR)
        status = _create_group(request, organisation, form)
        if status is None:
            return redirect("network:mailings")
    context = {"nav": "network", "groups": [(g, mailings.members(g).count()) for g in groups],
               "mailings": rows, "form": form, "may_edit": may_edit}  # fmt: skip
    return render(request, "network/mailings.html", context, status=status)


def _create_group(request, organisation, form) -> int | None:
    """None when the group is made; otherwise the status to show the form again with."""
    if form.is_valid():
        data = form.cleaned_data
        try:
            group = mailings.create_group(request.actor, organisation.pk, data["name"].strip(),
                                          data["kind"], form.criteria())  # fmt: skip
        except ValidationError as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The group %(name)s is made.") % {"name": group.name})
            return None
    return 422


@login_required
def group_detail(request, group_id: int):
    _unused, groups = _groups(request)
    group = get_object_or_404(groups, pk=group_id)
    found = mailings.members(group).select_related("country")
    context = {"nav": "network", "group": group, "members": found[:500], "total": found.count(),
               "consenting": (found & Contact.objects.consenting()).count(),
               "criteria": _criteria_labels(group.criteria),
               "may_edit": scoping.can_change(request.actor, group)}  # fmt: skip
    context["removable"] = context["may_edit"] and group.kind == Group.Kind.FIXED
    return render(request, "network/group.html", context)


@login_required
@require_POST
def remove_member(request, group_id: int, contact_id: int):
    """The remove button on a fixed list's page."""
    _unused, groups = _groups(request)
    group = get_object_or_404(groups, pk=group_id)
    try:
        removed = mailings.remove_member(request.actor, group, contact_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if not removed:
            raise Http404(_("This contact is not a member of the group."))
        messages.success(request, _("Removed from %(group)s.") % {"group": group.name})
    return redirect("network:group", group.pk)


def _criteria_labels(criteria: dict) -> list[tuple[str, str]]:
    labels = {"countries": _("countries"), "categories": _("categories"),
              "languages": _("preferred language"), "tags": _("tags"),
              "organisation_types": _("type of organisation"), "kind": _("kind"),
              "text": _("name or e-mail contains"), "jet_alumni": _("JET alumni only"),
              "consenting": _("Only those who consented to mailings")}  # fmt: skip
    shown = []
    for name, value in criteria.items():
        text = ", ".join(value) if isinstance(value, list) else "" if value is True else value
        shown.append((labels.get(name, name), text))
    return shown


def _offered(group: Group | None) -> list[str]:
    """Japanese and English, then the languages the group's members prefer."""
    spoken = set()
    if group is not None:
        spoken = set(mailings.members(group).values_list("language", flat=True))
    others = [tag for tag in languages.TAGS if tag in spoken and tag not in ALWAYS_OFFERED]
    return [*ALWAYS_OFFERED, *others]


@login_required
def compose(request):
    """Choose a group, write the mailing per language, see who gets which language, save it
    as a draft. Sending is a separate step on the mailings page."""
    organisation, groups = _groups(request)
    scoping.require(request.actor, organisation.pk, Role.EDITOR)
    source = request.POST if request.method == "POST" else request.GET
    group = groups.filter(pk=_number(source.get("group", ""))).first()
    if group is None and source.get("group"):
        raise Http404(_("No such group."))
    form = ComposerForm(request.POST or None, offered=_offered(group))
    status, written = 200, set()
    if request.method == "POST" and group is not None:
        if form.is_valid():
            written = set(form.messages())
            if request.POST.get("action") == "save":
                try:
                    mailing = mailings.create_mailing(request.actor, organisation.pk, group,
                                                      form.messages())  # fmt: skip
                except ValidationError as exc:
                    _put_errors(form, exc)
                    status = 422
                else:
                    messages.success(request, _("The mailing is saved as a draft."))
                    return redirect("network:mailing", mailing.pk)
        else:
            status = 422
    context = {"nav": "network", "groups": groups, "group": group, "form": form,
               "preview": mailings.preview(group, written) if group else None,
               "written": sorted(written)}  # fmt: skip
    return render(request, "network/compose.html", context, status=status)


@login_required
def mailing_detail(request, mailing_id: int):
    _unused, found = _mailings(request)
    mailing = get_object_or_404(found.select_related("group"), pk=mailing_id)
    written = mailing.messages.order_by("language")
    context = {"nav": "network", "mailing": mailing, "messages_written": written,
               "report": _report_rows(mailings.report(mailing)),
               "preview": mailings.preview(mailing.group, {m.language for m in written})
               if mailing.status == Mailing.Status.DRAFT else None,
               "may_edit": scoping.can_change(request.actor, mailing)}  # fmt: skip
    return render(request, "network/mailing.html", context)


def _report_rows(report: dict) -> dict:
    """The report with each status named in the reader's language, in the order a mailing
    goes through them, and each language with its count."""
    by_status = report["by_status"]
    return {"by_status": [(status.label, by_status[status]) for status in Recipient.Status
                          if status in by_status],
            "by_language": sorted(report["by_language"].items()),
            "total": report["total"]}  # fmt: skip


@login_required
@require_POST
def send(request, mailing_id: int):
    _unused, found = _mailings(request)
    mailing = get_object_or_404(found, pk=mailing_id)
    try:
        count = mailings.send_mailing(request.actor, mailing)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Addressed to %(n)s consenting contacts.") % {"n": count})
    return redirect("network:mailings")
