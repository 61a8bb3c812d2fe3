"""Writing the network: contacts, consent, relationships, sharing, erasure, merging, imports.
Groups and mailings are written in glocal.network.mailings. The API, the staff pages, the
importer and the command all call these.

Each write checks the actor's role in the owning organisation, checks every value, and saves in
one transaction with its audit event (glocal.orgs.audit writes it on save; bulk writes write
theirs here). Nothing is half-written.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal.network import mailings, values
from glocal.network.duplicates import pack_keys
from glocal.network.importer import Checked, Report, Row
from glocal.network.models import (
    ConsentBasis,
    Contact,
    OrganisationType,
    Relationship,
    Share,
)
from glocal.network.names import email_key, name_keys
from glocal.orgs import audit, scoping
from glocal.orgs.actors import Actor
from glocal.orgs.models import AuditEvent, Organisation, Role
from glocal.places.models import ForeignLocalGovernment

BATCH = 2000


def refresh_keys(contact: Contact) -> None:
    """The folded keys duplicates are found by, from the names and e-mail as they are now."""
    contact.name_keys = pack_keys(name_keys(contact.name, contact.kana, contact.romaji))
    contact.email_key = email_key(contact.email)


# --- one contact -------------------------------------------------------------------------------

SIMPLE = ("name", "kana", "romaji", "city", "address", "notes", "source")


def _invalid(name: str, exc: ValueError) -> ValidationError:
    return ValidationError({name: str(exc)})


def _apply(contact: Contact, data: dict, countries=None) -> None:
    """Check and set the values given (None leaves a value as it is)."""
    for name in SIMPLE:
        if data.get(name) is not None:
            setattr(contact, name, str(data[name]).strip())
    checks = {
        "email": values.email,
        "phone": values.phone,
        "language": values.language,
        "categories": values.categories,
        "tags": values.tags,
    }
    for name, check in checks.items():
        if data.get(name) is not None:
            try:
                setattr(contact, name, check(data[name]))
            except ValueError as exc:
                raise _invalid(name, exc) from exc
    for name in ("kind", "organisation_type"):
        if data.get(name) is not None:
            setattr(contact, name, data[name])
    if data.get("country") is not None:
        try:
            contact.country = (countries or values.Countries()).get(data["country"])
        except ValueError as exc:
            raise _invalid("country", exc) from exc
    if data.get("facts") is not None:
        try:
            contact.facts = values.facts(data["facts"], contact.categories)
        except ValueError as exc:
            raise _invalid("facts", exc) from exc
    refresh_keys(contact)
    contact.full_clean(exclude=["owner", "country", "foreign_government", "merged_into"])


def _foreign_government(actor: Actor, contact: Contact, pk) -> None:
    """A foreign local government the actor may see (public, or their own)."""
    if pk is None:
        return
    found = scoping.visible(ForeignLocalGovernment.objects.filter(pk=pk), actor).first()
    if found is None:
        raise ValidationError({"foreign_government": _("No such foreign local government.")})
    contact.foreign_government = found


@transaction.atomic
def create_contact(actor: Actor, organisation_id: int, data: dict) -> Contact:
    scoping.require(actor, organisation_id, Role.EDITOR)
    contact = Contact(owner_id=organisation_id, source=data.get("source") or "")
    _apply(contact, data)
    _foreign_government(actor, contact, data.get("foreign_government"))
    contact.save()
    if data.get("consent_on"):
        _consent(contact, data["consent_on"], data.get("consent_method") or "",
                 data.get("consent_purpose") or "")  # fmt: skip
        contact.save()
    return contact


@transaction.atomic
def change_contact(actor: Actor, contact: Contact, data: dict) -> Contact:
    scoping.require(actor, contact.owner_id, Role.EDITOR)
    _apply(contact, data)
    _foreign_government(actor, contact, data.get("foreign_government"))
    contact.save()
    return contact


# --- consent (APPI) ----------------------------------------------------------------------------


def _consent(contact: Contact, given_on, method: str, purpose: str) -> None:
    try:
        day = values.past_date(given_on)
    except ValueError as exc:
        raise _invalid("consent_on", exc) from exc
    if day is None:
        raise ValidationError({"consent_on": _("Give the date consent was given.")})
    contact.consent_basis = ConsentBasis.CONSENT
    contact.consent_on = day
    contact.consent_method = (method or "")[:200]
    contact.consent_purpose = (purpose or _("mailings"))[:300]
    contact.consent_withdrawn_on = None


@transaction.atomic
def record_consent(actor: Actor, contact: Contact, given_on, method: str, purpose: str):
    """Consent to mailings: when, how and for what. The audit log keeps every earlier state."""
    scoping.require(actor, contact.owner_id, Role.EDITOR)
    _consent(contact, given_on, method, purpose)
    contact.save()
    return contact


@transaction.atomic
def withdraw_consent(actor: Actor | None, contact: Contact, on=None) -> Contact:
    """The person said no more: from now on no mailing reaches them. `actor` None is the
    person themselves, through the unsubscribe link."""
    if actor is not None:
        scoping.require(actor, contact.owner_id, Role.EDITOR)
    contact.consent_withdrawn_on = on or timezone.localdate()
    contact.save()
    return contact


# --- relationships -----------------------------------------------------------------------------


@transaction.atomic
def add_relationship(
    actor: Actor, person: Contact, organisation: Contact, title: str = "", started_on=None,
    ended_on=None,
) -> Relationship:  # fmt: skip
    """Ambassador at the Embassy of …, president of the 県人会 in São Paulo: both contacts
    kept by the same organisation."""
    scoping.require(actor, person.owner_id, Role.EDITOR)
    if organisation.owner_id != person.owner_id or not person.is_person:
        raise ValidationError({"organisation": _("Link a person to an organisation you keep.")})
    if organisation.kind != Contact.Kind.ORGANISATION:
        raise ValidationError({"organisation": _("This contact is not an organisation.")})
    try:
        start, end = values.any_date(started_on), values.any_date(ended_on)
    except ValueError as exc:
        raise _invalid("started_on", exc) from exc
    if start and end and end < start:
        raise ValidationError({"ended_on": _("The end date is before the start date.")})
    found = Relationship(person=person, organisation=organisation, title=title or "",
                         started_on=start, ended_on=end)  # fmt: skip
    found.full_clean()
    found.save()
    return found


# --- sharing, erasure, merging -------------------------------------------------------------------

COPIED = (
    "kind", "name", "kana", "romaji", "organisation_type", "country_id", "city", "language",
    "email", "phone", "address", "categories", "facts", "tags", "consent_basis", "consent_on",
    "consent_method", "consent_purpose", "consent_withdrawn_on",
)  # fmt: skip


@transaction.atomic
def share_contact(actor: Actor, contact: Contact, organisation: Organisation, purpose: str):
    """Give another organisation its own copy of a contact: an explicit act, recorded with its
    purpose, by an administrator, and only for a person who consented (APPI: providing
    personal data to a third party needs the person's consent)."""
    scoping.require(actor, contact.owner_id, Role.ADMIN)
    if organisation.pk == contact.owner_id:
        raise ValidationError({"organisation": _("This organisation already keeps the contact.")})
    if not (purpose or "").strip():
        raise ValidationError({"purpose": _("Say why the contact is shared.")})
    if contact.is_person and not contact.may_be_mailed:
        raise ValidationError(
            {"contact": _("Only a person who consented and has not withdrawn can be shared.")}
        )
    copy = Contact(owner_id=organisation.pk)
    for name in COPIED:
        setattr(copy, name, getattr(contact, name))
    copy.source = _("shared by %(organisation)s") % {"organisation": contact.owner}
    refresh_keys(copy)
    copy.save()
    return Share.objects.create(
        owner_id=contact.owner_id, contact=contact, contact_name=contact.name[:200],
        shared_with=organisation, copy=copy, purpose=purpose.strip()[:300],
    )  # fmt: skip


@transaction.atomic
def erase_contact(actor: Actor, contact: Contact) -> None:
    """Erase a person on request: the record, their relationships, the addresses mailings
    were sent to, and the personal values earlier audit events hold. What remains in the log is
    that a contact existed and was erased, by whom and when."""
    scoping.require(actor, contact.owner_id, Role.ADMIN)
    pk = str(contact.pk)
    from glocal.network.models import Recipient

    Recipient.objects.filter(contact=contact).update(email="", contact=None)
    Share.objects.filter(contact=contact).update(contact_name="")
    AuditEvent.objects.filter(model=Contact._meta.label, object_id=pk).update(
        changes={}, object_repr=_("(erased)")
    )
    AuditEvent.objects.filter(model=Relationship._meta.label, object_repr__contains=contact.name
                              ).update(changes={}, object_repr=_("(erased)"))  # fmt: skip
    Contact.objects.filter(merged_into=contact).delete()  # the records merged into it are theirs
    contact.name = _("(erased)")  # the deletion's own event names no one
    contact.delete()


MERGED_FIELDS = (
    "kana", "romaji", "organisation_type", "country", "city", "language", "email", "phone",
    "address", "notes", "consent_basis", "consent_on", "consent_method", "consent_purpose",
)  # fmt: skip


def _fill(kept: Contact, other, names=MERGED_FIELDS) -> bool:
    """Blanks of `kept` take `other`'s values; sets are joined. Whether anything changed."""
    changed = False
    for name in names:
        mine, theirs = getattr(kept, name, None), getattr(other, name, None)
        if not mine and theirs:
            setattr(kept, name, theirs)
            changed = True
    for name in ("categories", "tags"):
        joined = sorted(set(getattr(kept, name)) | set(getattr(other, name) or ()))
        if joined != getattr(kept, name):
            setattr(kept, name, joined)
            changed = True
    for category, facts in (other.facts or {}).items():
        known = kept.facts.setdefault(category, {})
        for key, value in facts.items():
            if not known.get(key):
                known[key] = value
                changed = True
    return changed


@transaction.atomic
def merge_contacts(actor: Actor, kept: Contact, other: Contact) -> Contact:
    """One person, two records: `kept` takes what only `other` knew, their relationships and
    group memberships; `other` stays, marked as merged into `kept`, with its history."""
    scoping.require(actor, kept.owner_id, Role.EDITOR)
    if other.owner_id != kept.owner_id or other.pk == kept.pk or other.merged_into_id:
        raise ValidationError({"contact": _("These two contacts cannot be merged.")})
    if other.consent_withdrawn_on and not kept.consent_withdrawn_on:
        kept.consent_withdrawn_on = other.consent_withdrawn_on  # a refusal always wins
    _fill(kept, other)
    refresh_keys(kept)
    kept.save()
    for relationship in Relationship.objects.filter(person=other):
        if not Relationship.objects.filter(
            person=kept, organisation=relationship.organisation, title=relationship.title
        ).exists():
            relationship.person = kept
            relationship.save()
    for relationship in Relationship.objects.filter(organisation=other):
        relationship.organisation = kept
        relationship.save()  # one by one: each change in the log
    for group in other.groups.exclude(members=kept):
        mailings.add_members(actor, group, [kept.pk])  # logged as any member added to a list
    other.merged_into = kept
    other.save()
    return kept


# --- imports -------------------------------------------------------------------------------------


def _contact_from(owner_id: int, row: Row, source: str) -> Contact:
    contact = Contact(
        owner_id=owner_id, kind=row.kind, name=row.name, kana=row.kana, romaji=row.romaji,
        organisation_type=row.organisation_type, country=row.country, language=row.language,
        email=row.email, phone=row.phone, categories=row.categories, facts=row.facts,
        notes=row.notes, source=source, name_keys=pack_keys(row.keys),
        email_key=email_key(row.email),
    )  # fmt: skip
    _import_consent(contact, row, source)
    return contact


def _import_consent(contact: Contact, row: Row, source: str) -> bool:
    """A consent date in the file is consent given then, unless a later refusal is known."""
    day = row.consent_on
    if day is None or contact.consent_on == day:
        return False
    if contact.consent_withdrawn_on and contact.consent_withdrawn_on >= day:
        return False
    if contact.consent_on and contact.consent_on > day and not contact.consent_withdrawn_on:
        return False
    contact.consent_basis, contact.consent_on = ConsentBasis.CONSENT, day
    contact.consent_method = _("import of %(file)s") % {"file": source}
    contact.consent_purpose = contact.consent_purpose or _("mailings")
    contact.consent_withdrawn_on = None
    return True


def _merge_row(contact: Contact, row: Row, source: str) -> bool:
    incoming = _contact_from(contact.owner_id, row, source)
    changed = _fill(contact, incoming, (*MERGED_FIELDS[:8], "notes"))
    changed = _import_consent(contact, row, source) or changed
    if changed:
        refresh_keys(contact)
    return changed


def _organisations(owner_id: int, rows: list[Row], made: dict) -> dict[str, Contact]:
    """The organisation each 所属 names, by its folded name: one the owner keeps, one a row
    of the file makes, or a new one."""
    wanted = {row.organisation for row in rows if row.organisation}
    found: dict[str, Contact] = {}
    if not wanted:
        return found
    for contact in made.values():
        if contact.kind == Contact.Kind.ORGANISATION:
            found.setdefault(_org_key(contact.name), contact)
    kept = Contact.objects.current().filter(owner_id=owner_id, kind=Contact.Kind.ORGANISATION)
    for contact in kept.filter(name__in=wanted).order_by("pk"):
        found.setdefault(_org_key(contact.name), contact)
    for name in sorted(wanted):
        if _org_key(name) not in found:
            found[_org_key(name)] = Contact(
                owner_id=owner_id, kind=Contact.Kind.ORGANISATION, name=name,
                organisation_type=OrganisationType.OTHER,
            )  # fmt: skip
    return found


def _org_key(name: str) -> str:
    from glocal.places.text import fold

    return fold(name)


def import_rows(actor: Actor, owner_id: int, checked: Checked, source: str = "") -> Report:
    """Write checked rows (importer.check with the same owner): new contacts for new people,
    the blanks of known ones filled, duplicates within the file made one contact, the
    organisations named in 所属 found or made and linked with the title. Everything is read
    before the transaction; the transaction only inserts and updates in batches, with one
    audit event per record written."""
    scoping.require(actor, owner_id, Role.EDITOR)
    report = Report(duplicates=list(checked.duplicates))
    wanted = {ref for kind, ref in checked.targets.values() if kind == "contact"}
    existing = Contact.objects.filter(owner_id=owner_id).select_related("country").in_bulk(wanted)
    made: dict[int, Contact] = {}
    changed: dict[int, Contact] = {}
    person_of: dict[int, Contact] = {}
    for row in checked.rows:
        kind, ref = checked.targets.get(row.number, ("new", row.number))
        if kind == "new":
            contact = made[row.number] = _contact_from(owner_id, row, source)
        elif kind == "row":
            contact = made[ref]
            _merge_row(contact, row, source)
        else:
            contact = existing[ref]
            if _merge_row(contact, row, source):
                changed[contact.pk] = contact
        person_of[row.number] = contact
    organisations = _organisations(owner_id, checked.rows, made)
    new_organisations = [o for o in organisations.values() if o.pk is None and o not in
                         made.values()]  # fmt: skip
    for contact in new_organisations:
        refresh_keys(contact)
    with transaction.atomic():
        created = Contact.objects.bulk_create(
            [*new_organisations, *made.values()], batch_size=BATCH
        )
        now = timezone.now()
        for contact in changed.values():
            contact.updated_at = now
        Contact.objects.bulk_update(
            changed.values(),
            [*MERGED_FIELDS[:8], "notes", "categories", "tags", "facts", "name_keys",
             "email_key", "consent_basis", "consent_on", "consent_method", "consent_purpose",
             "consent_withdrawn_on", "updated_at"],
            batch_size=BATCH,
        )  # fmt: skip
        links = _relationships(checked.rows, person_of, organisations)
        audit.write_bulk(actor, created, AuditEvent.Action.CREATE)
        audit.write_bulk(actor, list(changed.values()), AuditEvent.Action.UPDATE)
        audit.write_bulk(actor, links, AuditEvent.Action.CREATE)
    report.created = len(made)
    report.updated = len(changed)
    report.unchanged = len(existing) - len(changed)
    return report


def _relationships(rows, person_of, organisations) -> list[Relationship]:
    wanted = {}
    for row in rows:
        if not row.organisation:
            continue
        person, organisation = person_of[row.number], organisations[_org_key(row.organisation)]
        if person.pk == organisation.pk or not person.is_person:
            continue
        wanted[(person.pk, organisation.pk, row.title)] = Relationship(
            person=person, organisation=organisation, title=row.title
        )
    if not wanted:
        return []
    known = set(
        Relationship.objects.filter(person_id__in={k[0] for k in wanted}).values_list(
            "person_id", "organisation_id", "title"
        )
    )
    new = [link for key, link in wanted.items() if key not in known]
    return Relationship.objects.bulk_create(new, batch_size=BATCH)


def may_see(actor: Actor, contact: Contact) -> None:
    """Raise PermissionDenied unless the actor is in the organisation that keeps it."""
    if not scoping.owned(Contact.objects.filter(pk=contact.pk), actor).exists():
        raise PermissionDenied(_("This contact is not yours to see."))


def shown(contact: Contact) -> Contact:
    """Log that the current actor was shown this contact's personal details."""
    audit.record_read(contact)
    return contact
