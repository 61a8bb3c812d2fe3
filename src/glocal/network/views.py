"""Staff pages for the contacts of the active organisation: the list with its filters, one
contact (the only page that shows personal details, and each showing is logged), the form,
consent, duplicates and merging, import with a preview, export, statistics; and the public
unsubscribe page. Groups and mailings are in glocal.network.mailing_views."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from glocal import languages
from glocal.core import uploads
from glocal.network import charts, exporter, importer, mailings, services
from glocal.network.duplicates import find_duplicates
from glocal.network.forms import ConsentForm, ContactForm
from glocal.network.models import Category, Contact, Group
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
    visible = scoping.owned(Contact.objects.current(), request.actor)
    return organisation, visible.filter(owner=organisation).select_related("country")


PAGE = 100
FILTERS = ("country", "category", "language", "consent", "kind")


def _criteria(request, contacts) -> tuple[dict, dict]:
    """Search criteria from the list's filters; a value not offered is ignored."""
    chosen = {name: request.GET.get(name, "")[:40] for name in FILTERS}
    query = request.GET.get("q", "")[:100].strip()
    criteria = {"text": query} if query else {}
    if chosen["country"] in _countries_of(contacts):
        criteria["countries"] = [chosen["country"]]
    if chosen["category"] in Category.values:
        criteria["categories"] = [chosen["category"]]
    if chosen["language"] in languages.TAGS:
        criteria["languages"] = [chosen["language"]]
    if chosen["kind"] in Contact.Kind.values:
        criteria["kind"] = chosen["kind"]
    if chosen["consent"] == "yes":
        criteria["consenting"] = True
    chosen["q"] = query
    return criteria, chosen


def _countries_of(contacts) -> dict[str, str]:
    """The countries the organisation's contacts live in, code → Japanese name."""
    rows = contacts.exclude(country=None).values_list("country__code", "country__name_ja")
    return dict(sorted(set(rows), key=lambda row: row[1]))


@login_required
def contact_list(request):
    organisation, contacts = _contacts(request)
    criteria, chosen = _criteria(request, contacts)
    found = mailings.search(contacts, criteria)
    if chosen["consent"] == "no":
        found = found.exclude(pk__in=Contact.objects.consenting().values("pk"))
    page = Paginator(found.order_by("name", "pk"), PAGE).get_page(request.GET.get("page"))
    context = {
        "nav": "network", "organisation": organisation, "page": page, "chosen": chosen,
        "countries": _countries_of(contacts), "categories": Category.choices,
        "languages": languages.choices(), "kinds": Contact.Kind.choices,
        "may_edit": scoping.can_change(request.actor, Contact(owner=organisation)),
        "query": _query_without_page(request),
    }  # fmt: skip
    return render(request, "network/list.html", context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def contact_detail(request, contact_id: int):
    organisation, contacts = _contacts(request)
    contact = services.shown(get_object_or_404(contacts, pk=contact_id))
    may_edit = scoping.can_change(request.actor, contact)
    groups = Group.objects.filter(owner=organisation, kind=Group.Kind.FIXED)
    context = {
        "nav": "network", "contact": contact, "may_edit": may_edit,
        "roles": contact.roles.select_related("organisation"),
        "people": contact.people.select_related("person"),
        "groups": contact.groups.filter(owner=organisation),
        "other_groups": groups.exclude(members=contact) if may_edit else [],
        "consent_form": ConsentForm(), "facts": _facts(contact),
    }  # fmt: skip
    return render(request, "network/detail.html", context)


def _facts(contact: Contact) -> list[tuple[str, str, str]]:
    """(category, fact, value) for the page."""
    return [(str(Category(c).label) if c in Category.values else c, name, value)
            for c, items in contact.facts.items() for name, value in items.items()]  # fmt: skip


def _put_errors(form, exc: ValidationError) -> None:
    for name, problems in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@login_required
def contact_form(request, contact_id: int | None = None):
    """Create a contact, or change one (the form shows personal details: the read is logged)."""
    organisation, contacts = _contacts(request)
    contact = get_object_or_404(contacts, pk=contact_id) if contact_id else None
    scoping.require(request.actor, organisation.pk, Role.EDITOR)
    if contact is not None and request.method != "POST":
        services.shown(contact)
    initial = ContactForm.initial_of(contact) if contact else {}
    form = ContactForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if contact is None:
                    contact = services.create_contact(request.actor, organisation.pk,
                                                      form.service_data())  # fmt: skip
                else:
                    services.change_contact(request.actor, contact, form.service_data(contact))
            except ValidationError as exc:
                _put_errors(form, exc)
            else:
                messages.success(request, _("The contact is saved."))
                return redirect("network:detail", contact.pk)
        status = 422
    context = {"nav": "network", "form": form, "contact": contact}
    return render(request, "network/form.html", context, status=status)


@login_required
@require_POST
def consent(request, contact_id: int, action: str):
    """Record consent (date, how, what for) or its withdrawal."""
    _unused, contacts = _contacts(request)
    contact = get_object_or_404(contacts, pk=contact_id)
    if action == "withdraw":
        services.withdraw_consent(request.actor, contact)
        messages.success(request, _("Consent is withdrawn: no mailing will reach this contact."))
        return redirect("network:detail", contact.pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_consent(request.actor, contact, data["given_on"], data["method"],
                                    data["purpose"])  # fmt: skip
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Consent is recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("network:detail", contact.pk)


@login_required
@require_POST
def join_group(request, contact_id: int):
    organisation, contacts = _contacts(request)
    contact = get_object_or_404(contacts, pk=contact_id)
    group = get_object_or_404(Group.objects.filter(owner=organisation),
                              pk=_number(request.POST.get("group", "")))  # fmt: skip
    try:
        mailings.add_members(request.actor, group, [contact.pk])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Added to %(group)s.") % {"group": group.name})
    return redirect("network:detail", contact.pk)


def _number(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0


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
    may_edit = scoping.can_change(request.actor, Contact(owner=organisation))
    context = {"nav": "network", "pairs": pairs, "may_edit": may_edit}
    return render(request, "network/duplicates.html", context)


@login_required
@require_POST
def merge(request):
    """Merge two of the organisation's contacts: `kept` takes what only `other` knew."""
    _unused, contacts = _contacts(request)
    kept = get_object_or_404(contacts, pk=_number(request.POST.get("kept", "")))
    other = get_object_or_404(contacts, pk=_number(request.POST.get("other", "")))
    try:
        services.merge_contacts(request.actor, kept, other)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("network:duplicates")
    messages.success(request, _("%(other)s is merged into %(kept)s.")
                     % {"other": other.name, "kept": kept.name})  # fmt: skip
    return redirect("network:detail", kept.pk)


@login_required
def statistics(request):
    _unused, contacts = _contacts(request)
    by_country = charts.by_country(contacts)
    by_category = charts.by_category(contacts)
    world, not_drawn = charts.world_map(by_country, _("Contacts by country (world map)"))
    context = {"nav": "network", "by_country": by_country, "by_category": by_category,
               "map": world if by_country else "", "not_drawn": not_drawn,
               "legend": charts.legend(by_country),
               "bars": charts.bars(by_category, _("Contacts by category"))}  # fmt: skip
    return render(request, "network/statistics.html", context)


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
