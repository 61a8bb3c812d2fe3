"""/api/v1/network: contacts, organisations, groups and their members, mailings. Members of the
owning organisation only; everyone else gets an empty list or 404, never a hint."""

from typing import Annotated

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from glocal.api.auth import RequireActor, actor_of
from glocal.api.limits import PathId
from glocal.api.pagination import Paginated
from glocal.network import mailings, personal, services
from glocal.network.duplicates import find_duplicates
from glocal.network.models import (
    EMAIL_MAX,
    NAME_MAX,
    PHONE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Category,
    Contact,
    Group,
    Mailing,
    OrganisationType,
)
from glocal.orgs import scoping
from glocal.orgs.models import Organisation, Role

router = Router(tags=["network"], auth=RequireActor())

Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Name = Annotated[str, StringConstraints(max_length=NAME_MAX)]
Short = Annotated[str, StringConstraints(max_length=40)]
Code = Annotated[str, StringConstraints(max_length=20)]


def _contacts(request):
    return scoping.owned(Contact.objects.current(), actor_of(request)).select_related("country")


def _contact(request, contact_id: int) -> Contact:
    return get_object_or_404(_contacts(request), pk=contact_id)


class ContactOut(Schema):
    """What lists show: no e-mail, phone or address (those are read one contact at a time,
    and each such read is audited)."""

    id: int
    owner: int = Field(alias="owner_id")
    kind: str
    name: str
    kana: str
    romaji: str
    organisation_type: str
    country: str | None = None
    language: str
    categories: list[str]
    tags: list[str]
    may_be_mailed: bool

    @staticmethod
    def resolve_country(obj):
        return obj.country.code if obj.country else None


class ContactDetailOut(ContactOut):
    city: str
    email: str
    phone: str
    address: str
    facts: dict
    notes: str
    source: str
    consent_basis: str
    consent_on: str | None = None
    consent_method: str
    consent_purpose: str
    consent_withdrawn_on: str | None = None

    @staticmethod
    def resolve_consent_on(obj):
        return obj.consent_on.isoformat() if obj.consent_on else None

    @staticmethod
    def resolve_consent_withdrawn_on(obj):
        return obj.consent_withdrawn_on.isoformat() if obj.consent_withdrawn_on else None


class ContactFilter(Schema):
    q: str | None = Field(None, max_length=100)
    country: str | None = Field(None, max_length=3)
    category: str | None = Field(None, max_length=20)


def _filtered(found, filters: ContactFilter):
    criteria = {"text": filters.q} if filters.q else {}
    if filters.country:
        found = found.filter(country__code=filters.country.upper())
    if filters.category:
        found = found.filter(categories__has=filters.category)
    return mailings.search(found, criteria)


@router.get("/network/contacts", response=list[ContactOut])
@paginate(Paginated)
def list_contacts(request, filters: Query[ContactFilter]):
    return _filtered(_contacts(request).filter(kind=Contact.Kind.PERSON), filters)


@router.get("/network/organisations", response=list[ContactOut])
@paginate(Paginated)
def list_organisations(request, filters: Query[ContactFilter]):
    """Embassies, consulates, overseas prefectural associations, universities, companies…"""
    return _filtered(_contacts(request).filter(kind=Contact.Kind.ORGANISATION), filters)


class ContactIn(Schema):
    organisation: Id
    kind: str = Field(Contact.Kind.PERSON, pattern="^(person|organisation)$")
    name: str = Field(min_length=1, max_length=NAME_MAX)
    kana: Name = ""
    romaji: Name = ""
    organisation_type: str = Field("", max_length=12)
    country: Short | None = None
    city: Name = ""
    foreign_government: Id | None = None
    language: Short = ""
    email: str = Field("", max_length=EMAIL_MAX)
    phone: str = Field("", max_length=PHONE_MAX)
    address: str = Field("", max_length=1000)
    categories: list[Code] = Field(default_factory=list, max_length=len(Category.values))
    facts: dict[Code, dict[Code, Annotated[str, StringConstraints(max_length=200)]]] = Field(
        default_factory=dict, max_length=len(Category.values)
    )
    tags: list[Short] = Field(default_factory=list, max_length=20)
    notes: str = Field("", max_length=TEXT_MAX)
    source: str = Field("", max_length=300)
    consent_on: Short | None = None
    consent_method: str = Field("", max_length=200)
    consent_purpose: str = Field("", max_length=300)


class ContactChange(Schema):
    name: str | None = Field(None, min_length=1, max_length=NAME_MAX)
    kana: Name | None = None
    romaji: Name | None = None
    country: Short | None = None
    city: Name | None = None
    language: Short | None = None
    email: str | None = Field(None, max_length=EMAIL_MAX)
    phone: str | None = Field(None, max_length=PHONE_MAX)
    address: str | None = Field(None, max_length=1000)
    categories: list[Code] | None = Field(None, max_length=len(Category.values))
    tags: list[Short] | None = Field(None, max_length=20)
    notes: str | None = Field(None, max_length=TEXT_MAX)


@router.post("/network/contacts", response={201: ContactDetailOut})
def create_contact(request, payload: ContactIn):
    data = payload.dict()
    if data["organisation_type"] and data["organisation_type"] not in OrganisationType.values:
        data["organisation_type"] = "invalid"  # full_clean names it
    contact = services.create_contact(actor_of(request), data.pop("organisation"), data)
    return Status(201, contact)


@router.get("/network/contacts/{contact_id}", response=ContactDetailOut)
def get_contact(request, contact_id: PathId):
    """One contact's personal details; the read is written to the audit log."""
    return services.shown(_contact(request, contact_id))


@router.patch("/network/contacts/{contact_id}", response=ContactDetailOut)
def change_contact(request, contact_id: PathId, payload: ContactChange):
    return services.change_contact(
        actor_of(request), _contact(request, contact_id), payload.dict(exclude_none=True)
    )


@router.delete("/network/contacts/{contact_id}", response={204: None})
def erase_contact(request, contact_id: PathId):
    """Erase a person on request (administrators): the record and what the log held of it."""
    services.erase_contact(actor_of(request), _contact(request, contact_id))
    return Status(204, None)


class PersonalDataFormat(Schema):
    format: str = Field("json", pattern="^(json|vcard)$")


@router.get("/network/contacts/{contact_id}/personal-data", response=dict)
def personal_data(request, contact_id: PathId, choice: Query[PersonalDataFormat]):
    """Everything kept about the person, as JSON or vCard (APPI disclosure); audited."""
    contact = _contact(request, contact_id)
    scoping.require(actor_of(request), contact.owner_id, Role.EDITOR)
    contact = services.shown(contact)  # the audited read, once the caller may read it all
    if choice.format == "vcard":
        response = HttpResponse(personal.as_vcard(contact), content_type="text/vcard")
        response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.vcf"'
        return response
    return personal.as_json(contact)


class ConsentIn(Schema):
    given_on: Short
    method: str = Field(min_length=1, max_length=200)
    purpose: str = Field("", max_length=300)


@router.post("/network/contacts/{contact_id}/consent", response=ContactDetailOut)
def record_consent(request, contact_id: PathId, payload: ConsentIn):
    return services.record_consent(
        actor_of(request), _contact(request, contact_id), payload.given_on, payload.method,
        payload.purpose,
    )  # fmt: skip


@router.post("/network/contacts/{contact_id}/withdraw", response=ContactDetailOut)
def withdraw_consent(request, contact_id: PathId):
    return services.withdraw_consent(actor_of(request), _contact(request, contact_id))


class ShareIn(Schema):
    organisation: Id
    purpose: str = Field(min_length=1, max_length=300)


class ShareOut(Schema):
    id: int
    shared_with: int = Field(alias="shared_with_id")
    purpose: str


@router.post("/network/contacts/{contact_id}/share", response={201: ShareOut})
def share_contact(request, contact_id: PathId, payload: ShareIn):
    """Give another organisation its own copy (administrators; recorded with its purpose)."""
    contact = _contact(request, contact_id)
    target = get_object_or_404(Organisation, pk=payload.organisation)
    return Status(201, services.share_contact(actor_of(request), contact, target,
                                              payload.purpose))  # fmt: skip


class RelationshipIn(Schema):
    organisation: Id
    title: str = Field("", max_length=TITLE_MAX)
    started_on: Short | None = None
    ended_on: Short | None = None


class RelationshipOut(Schema):
    id: int
    organisation: int = Field(alias="organisation_id")
    title: str


@router.post("/network/contacts/{contact_id}/roles", response={201: RelationshipOut})
def add_role(request, contact_id: PathId, payload: RelationshipIn):
    person = _contact(request, contact_id)
    organisation = _contact(request, payload.organisation)
    found = services.add_relationship(
        actor_of(request), person, organisation, payload.title, payload.started_on,
        payload.ended_on,
    )  # fmt: skip
    return Status(201, found)


DUPLICATES_SHOWN = 1000


class OrganisationQuery(Schema):
    organisation: Id


class DuplicateOut(Schema):
    first: int
    second: int
    reason: str


@router.get("/network/duplicates", response=list[DuplicateOut])
def list_duplicates(request, of: Query[OrganisationQuery]):
    """Likely duplicates among an organisation's contacts, each with its reason (the first
    DUPLICATES_SHOWN)."""
    scoping.require(actor_of(request), of.organisation, Role.VIEWER)
    return find_duplicates(of.organisation)[:DUPLICATES_SHOWN]


# --- groups ----------------------------------------------------------------------------------


def _groups(request):
    return scoping.owned(Group.objects.all(), actor_of(request))


class GroupOut(Schema):
    id: int
    name: str
    kind: str
    criteria: dict


class CriteriaIn(Schema):
    countries: list[Short] = Field(default_factory=list, max_length=250)
    categories: list[Code] = Field(default_factory=list, max_length=len(Category.values))
    languages: list[Short] = Field(default_factory=list, max_length=20)
    tags: list[Short] = Field(default_factory=list, max_length=50)
    organisation_types: list[Code] = Field(default_factory=list, max_length=10)
    kind: str | None = Field(None, pattern="^(person|organisation)$")
    consenting: bool = False
    jet_alumni: bool = False
    text: str | None = Field(None, max_length=100)


class GroupIn(Schema):
    organisation: Id
    name: str = Field(min_length=1, max_length=NAME_MAX)
    kind: str = Field(Group.Kind.FIXED, pattern="^(fixed|saved)$")
    criteria: CriteriaIn | None = None
    contacts: list[Id] = Field(default_factory=list, max_length=10_000)


@router.get("/network/groups", response=list[GroupOut])
@paginate(Paginated)
def list_groups(request):
    return _groups(request)


@router.post("/network/groups", response={201: GroupOut})
def create_group(request, payload: GroupIn):
    criteria = payload.criteria.dict(exclude_none=True) if payload.criteria else {}
    group = mailings.create_group(actor_of(request), payload.organisation, payload.name,
                                  payload.kind, criteria, payload.contacts)  # fmt: skip
    return Status(201, group)


@router.get("/network/groups/{group_id}/members", response=list[ContactOut])
@paginate(Paginated)
def list_group_members(request, group_id: PathId):
    """Who is in the group now (a saved search is evaluated on each call)."""
    return mailings.members(get_object_or_404(_groups(request), pk=group_id))


class MembersIn(Schema):
    contacts: list[Id] = Field(min_length=1, max_length=10_000)


@router.post("/network/groups/{group_id}/members", response={200: dict})
def add_group_members(request, group_id: PathId, payload: MembersIn):
    group = get_object_or_404(_groups(request), pk=group_id)
    return {"added": mailings.add_members(actor_of(request), group, payload.contacts)}


@router.delete("/network/groups/{group_id}/members/{contact_id}", response={204: None})
def remove_group_member(request, group_id: PathId, contact_id: PathId):
    """Take a contact off a fixed list (404 when they are not on it; 422 for a saved
    search)."""
    group = get_object_or_404(_groups(request), pk=group_id)
    if not mailings.remove_member(actor_of(request), group, contact_id):
        raise Http404(_("This contact is not a member of the group."))
    return Status(204, None)


# --- mailings --------------------------------------------------------------------------------


class MessageIn(Schema):
    language: Short
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=TEXT_MAX)


class MailingIn(Schema):
    organisation: Id
    group: Id
    messages: list[MessageIn] = Field(min_length=1, max_length=20)


class MailingOut(Schema):
    id: int
    group: int = Field(alias="group_id")
    status: str
    languages: list[str]
    report: dict

    @staticmethod
    def resolve_languages(obj):
        return sorted(obj.messages.values_list("language", flat=True))

    @staticmethod
    def resolve_report(obj):
        return mailings.report(obj)


def _mailings(request):
    return scoping.owned(Mailing.objects.all(), actor_of(request))


@router.get("/network/mailings", response=list[MailingOut])
@paginate(Paginated)
def list_mailings(request):
    return _mailings(request)


@router.post("/network/mailings", response={201: MailingOut})
def create_mailing(request, payload: MailingIn):
    group = get_object_or_404(_groups(request), pk=payload.group)
    messages = {m.language: (m.subject, m.body) for m in payload.messages}
    return Status(201, mailings.create_mailing(actor_of(request), payload.organisation, group,
                                               messages))  # fmt: skip


@router.post("/network/mailings/{mailing_id}/send", response=MailingOut)
def send_mailing(request, mailing_id: PathId):
    """Address the mailing to the group's consenting members (422 when there are none)."""
    mailing = get_object_or_404(_mailings(request), pk=mailing_id)
    mailings.send_mailing(actor_of(request), mailing)
    mailing.refresh_from_db()
    return mailing
