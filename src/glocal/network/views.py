"""Staff pages: contacts of the active organisation (list, one contact, import with a preview,
export), groups and mailings; and the public unsubscribe page."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from glocal.core import uploads
from glocal.network import charts, exporter, importer, mailings, services
from glocal.network.duplicates import find_duplicates
from glocal.network.models import Contact, Group, Mailing
from glocal.orgs import scoping, selection
from glocal.orgs.models import Role

SESSION_KEY = "glocal_network_import"
WEB_ROW_LIMIT = 5_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organisation(request):
    membership = selection.active_membership(request)
    if membership is None:
        raise PermissionDenied(_("You are not a member of any organisation."))
    return membership.organisation


def _contacts(request):
    """The active organisation's own contacts, and only if the user is a member there."""
    organisation = _organisation(request)
    visible = scoping.visible(Contact.objects.current(), request.actor)
    return organisation, visible.filter(owner=organisation).select_related("country")


@login_required
def contact_list(request):
    organisation, contacts = _contacts(request)
    query = request.GET.get("q", "")[:100]
    found = mailings.search(contacts, {"text": query} if query else {})
    context = {"nav": "network", "organisation": organisation, "contacts": found[:500],
               "total": found.count(), "q": query}  # fmt: skip
    return render(request, "network/list.html", context)


@login_required
def contact_detail(request, contact_id: int):
    _unused, contacts = _contacts(request)
    contact = services.shown(get_object_or_404(contacts, pk=contact_id))
    context = {"nav": "network", "contact": contact,
               "roles": contact.roles.select_related("organisation")}  # fmt: skip
    return render(request, "network/detail.html", context)


def _import_checked(request, organisation, data: bytes, name: str):
    table = importer.read_table(data, name, limits=uploads.WEB)
    if importer.data_rows(table) > WEB_ROW_LIMIT:
        raise importer.UnreadableFile(
            _("Files of more than %(limit)s rows are imported with `glocal network import`.")
            % {"limit": WEB_ROW_LIMIT}
        )
    return importer.check(table, owner_id=organisation.pk)


@login_required
def import_file(request):
    organisation = _organisation(request)
    scoping.require(request.actor, organisation.pk, Role.EDITOR)
    context, status = {"nav": "network", "organisation": organisation}, 200
    if request.method == "POST" and request.POST.get("action") == "import":
        stored = request.session.pop(SESSION_KEY, None)
        if stored:
            data = base64.b64decode(stored["data"])
            checked = _import_checked(request, organisation, data, stored["name"])
            if not checked.problems:
                report = services.import_rows(request.actor, organisation.pk, checked,
                                              stored["name"])  # fmt: skip
                messages.success(request, _(
                    "%(created)s contacts added, %(updated)s completed, %(unchanged)s unchanged."
                ) % {"created": report.created, "updated": report.updated,
                     "unchanged": report.unchanged})  # fmt: skip
                return redirect("network:list")
        messages.error(request, _("Check the file again before importing."))
    elif request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise importer.UnreadableFile(_("Choose a CSV or XLSX file."))
            data = uploads.read_bounded(upload, uploads.WEB)
            checked = _import_checked(request, organisation, data, upload.name)
        except (importer.UnreadableFile, uploads.TooLarge) as exc:
            context["unreadable"], status = str(exc), 422
        else:
            context.update(checked=checked, name=upload.name)
            if checked.problems:
                status = 422
            else:
                encoded = base64.b64encode(data).decode()
                request.session[SESSION_KEY] = {"name": upload.name, "data": encoded}
    return render(request, "network/import.html", context, status=status)


@login_required
def export(request, format: str):
    organisation, contacts = _contacts(request)
    scoping.require(request.actor, organisation.pk, Role.EDITOR)
    if format == "xlsx":
        data, kind = (
            exporter.to_xlsx(contacts),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        data, kind = exporter.to_csv(contacts), "text/csv; charset=utf-8"
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="contacts.{format}"'
    return response


@login_required
def duplicates(request):
    organisation, contacts = _contacts(request)
    names = dict(contacts.values_list("pk", "name"))
    pairs = [(p, names.get(p.first), names.get(p.second))
             for p in find_duplicates(organisation.pk)]  # fmt: skip
    return render(request, "network/duplicates.html", {"nav": "network", "pairs": pairs})


@login_required
def statistics(request):
    _unused, contacts = _contacts(request)
    by_country = charts.by_country(contacts)
    context = {"nav": "network", "by_country": by_country,
               "by_category": charts.by_category(contacts),
               "map": charts.world_map(by_country)}  # fmt: skip
    return render(request, "network/statistics.html", context)


@login_required
def mailing_list(request):
    organisation = _organisation(request)
    groups = scoping.visible(Group.objects.all(), request.actor).filter(owner=organisation)
    found = scoping.visible(Mailing.objects.all(), request.actor).filter(owner=organisation)
    rows = [(m, mailings.report(m)) for m in found.select_related("group")[:100]]
    return render(request, "network/mailings.html", {"nav": "network", "groups": groups,
                                                     "mailings": rows})  # fmt: skip


@login_required
@require_POST
def send(request, mailing_id: int):
    organisation = _organisation(request)
    found = scoping.visible(Mailing.objects.all(), request.actor).filter(owner=organisation)
    mailing = get_object_or_404(found, pk=mailing_id)
    try:
        count = mailings.send_mailing(request.actor, mailing)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Addressed to %(n)s consenting contacts.") % {"n": count})
    return redirect("network:mailings")


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without our form
def unsubscribe(request, token: str):
    """Public: a GET shows the question (mail scanners follow links), a POST records the no."""
    recipient = mailings.unsubscribe(token) if request.method == "POST" else None
    known = recipient is not None or (
        request.method != "POST" and mailings.Recipient.objects.filter(token=token).exists()
    )
    return render(request, "network/unsubscribe.html",
                  {"done": recipient is not None, "known": known, "token": token},
                  status=200 if known else 404)  # fmt: skip
