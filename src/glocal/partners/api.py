"""/api/v1/partners: affiliations (public), partner requests and their explained matches."""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from glocal.api.auth import OptionalActor, RequireActor, actor_of
from glocal.api.limits import Code, PathId
from glocal.api.pagination import Paginated
from glocal.orgs import scoping
from glocal.orgs.models import Organisation, Role
from glocal.partners import matching, services
from glocal.partners.models import (
    POPULATION_MAX,
    TEXT_MAX,
    Affiliation,
    Exchange,
    PartnerProfile,
    PartnerRequest,
)
from glocal.partners.models import Field as Field_
from glocal.places import services as places
from glocal.places.models import ForeignLocalGovernment


def _longest(model, name: str) -> int:
    """A schema's bound is the model's: what the database can hold."""
    return model._meta.get_field(name).max_length


# Bounds every input schema shares (so they appear in the OpenAPI document too).
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
DateText = Annotated[str, StringConstraints(max_length=40)]
LongText = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
FieldCode = Annotated[str, StringConstraints(max_length=16)]
FieldCodes = Annotated[list[FieldCode], Field(max_length=len(Field_.values))]
PlaceCode = Annotated[str, StringConstraints(min_length=5, max_length=6)]

router = Router(tags=["partners"])


class AffiliationOut(Schema):
    id: int
    local_government: str = Field(alias="local_government.code")
    local_government_name: str = Field(alias="local_government.name")
    partner: str = Field(alias="partner.name_local")
    country: str = Field(alias="partner.country.code")
    kind: str
    signed_on: str | None = None
    status: str
    fields: list[str]

    @staticmethod
    def resolve_signed_on(obj):
        return obj.signed_on.isoformat() if obj.signed_on else None


@router.get("/partners/affiliations", response=list[AffiliationOut], auth=OptionalActor())
@paginate(Paginated)
def list_affiliations(request):
    found = Affiliation.objects.select_related("local_government", "partner__country")
    return scoping.visible(found, actor_of(request))


class RequestIn(Schema):
    organisation: Id
    name: str = Field(min_length=1, max_length=_longest(PartnerRequest, "name"))
    country: str = Field(min_length=2, max_length=3, description="ISO 3166-1 code")
    population: int | None = Field(None, ge=0, le=POPULATION_MAX)
    latitude: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    profile: LongText = ""
    fields: FieldCodes = Field(default_factory=list)
    preferred_prefectures: list[PlaceCode] = Field(default_factory=list, max_length=47)


class RequestOut(Schema):
    id: int
    name: str
    country: str = Field(alias="country.code")
    population: int | None
    latitude: float | None
    profile: str
    fields: list[str]
    status: str


def _requests(request):
    """Approved requests are public (approval makes them so); the rest only to their owner."""
    return scoping.visible(PartnerRequest.objects.select_related("country"), actor_of(request))


@router.get("/partners/requests", response=list[RequestOut], auth=OptionalActor())
@paginate(Paginated)
def list_requests(request):
    """Approved requests are public; organisations also see their own pending ones."""
    return _requests(request)


@router.post("/partners/requests", response={201: RequestOut}, auth=RequireActor())
def create_request(request, payload: RequestIn):
    """A request waits for moderation before it is public."""
    data = payload.dict()
    found = services.create_request(actor_of(request), data.pop("organisation"), **data)
    return Status(201, found)


@router.post("/partners/requests/{request_id}/approve", response=RequestOut, auth=RequireActor())
def approve_request(request, request_id: PathId):
    """Moderation: an administrator of the organisation that entered it approves it."""
    found = get_object_or_404(_requests(request), pk=request_id)
    return services.approve_request(actor_of(request), found)


class FactorOut(Schema):
    factor: str
    points: float
    reason: str


class MatchOut(Schema):
    code: str
    name: str
    score: float
    factors: list[FactorOut]


class MatchFilter(Schema):
    ties: str = Field("experience", pattern="^(experience|diversity)$")
    limit: int = Field(50, ge=1, le=2000)


@router.get(
    "/partners/requests/{request_id}/matches", response=list[MatchOut], auth=OptionalActor()
)
def request_matches(request, request_id: PathId, filters: Query[MatchFilter]):
    """Every Japanese local government ranked for this request, best first, with what each
    factor added (the factors add up to the score). See glocal/partners/matching.py."""
    found = get_object_or_404(_requests(request), pk=request_id)
    return matching.rank(found, ties=filters.ties, limit=filters.limit)


class ExchangeIn(Schema):
    started_on: DateText = Field(description="2026-11-21, or an era date: R8.11.21")
    ended_on: DateText | None = None
    direction: str = Field(max_length=_longest(Exchange, "direction"))
    kind: str = Field(max_length=_longest(Exchange, "kind"))
    field: str = Field("", max_length=_longest(Exchange, "field"))
    participants: int | None = Field(None, ge=0, le=1_000_000)
    outcomes: LongText = ""


class ExchangeOut(Schema):
    id: int
    started_on: str
    ended_on: str | None
    direction: str
    kind: str
    field: str
    participants: int | None
    outcomes: str

    @staticmethod
    def resolve_started_on(obj):
        return obj.started_on.isoformat()

    @staticmethod
    def resolve_ended_on(obj):
        return obj.ended_on.isoformat() if obj.ended_on else None


def _affiliation(request, affiliation_id: int) -> Affiliation:
    found = Affiliation.objects.all()
    return get_object_or_404(scoping.visible(found, actor_of(request)), pk=affiliation_id)


@router.get(
    "/partners/affiliations/{affiliation_id}/exchanges",
    response=list[ExchangeOut],
    auth=OptionalActor(),
)
def list_exchanges(request, affiliation_id: PathId):
    return list(_affiliation(request, affiliation_id).exchanges.all())


@router.post(
    "/partners/affiliations/{affiliation_id}/exchanges",
    response={201: ExchangeOut},
    auth=RequireActor(),
)
def add_exchange(request, affiliation_id: PathId, payload: ExchangeIn):
    """Record an exchange activity (editors of the affiliation's organisation)."""
    affiliation = _affiliation(request, affiliation_id)
    return Status(201, services.add_exchange(actor_of(request), affiliation, payload.dict()))


class AffiliationIn(Schema):
    organisation: Id
    local_government: PlaceCode = Field(
        description="Code of the Japanese prefecture or municipality."
    )
    partner: Id = Field(
        description="Id of a foreign local government (/places/foreign-governments)."
    )
    kind: str = Field(max_length=_longest(Affiliation, "kind"))
    signed_on: DateText | None = Field(None, description="2002-04-20, R3.4.1, 平成元年4月1日 …")
    status: str = Field("active", max_length=_longest(Affiliation, "status"))
    ended_on: DateText | None = None
    fields: FieldCodes = Field(default_factory=list)
    notes: LongText = ""
    source: str = Field("", max_length=_longest(Affiliation, "source"))


class AffiliationPatch(Schema):
    kind: str | None = Field(None, max_length=_longest(Affiliation, "kind"))
    signed_on: DateText | None = None
    status: str | None = Field(None, max_length=_longest(Affiliation, "status"))
    ended_on: DateText | None = None
    fields: FieldCodes | None = None
    notes: LongText | None = None
    source: str | None = Field(None, max_length=_longest(Affiliation, "source"))
    is_public: bool | None = None


@router.post("/partners/affiliations", response={201: AffiliationOut}, auth=RequireActor())
def create_affiliation(request, payload: AffiliationIn):
    actor = actor_of(request)
    data = payload.dict()
    partner = get_object_or_404(
        scoping.visible(ForeignLocalGovernment.objects.all(), actor), pk=data.pop("partner")
    )
    place = places.local_government_by_code(data.pop("local_government"))
    organisation = data.pop("organisation")
    return Status(201, services.create_affiliation(actor, organisation, place, partner, data))


@router.patch(
    "/partners/affiliations/{affiliation_id}", response=AffiliationOut, auth=RequireActor()
)
def update_affiliation(request, affiliation_id: PathId, payload: AffiliationPatch):
    """Change an affiliation; mark it ended with status "ended" and its end date."""
    found = _affiliation(request, affiliation_id)
    return services.change_affiliation(actor_of(request), found, payload.dict(exclude_unset=True))


@router.delete("/partners/affiliations/{affiliation_id}", response={204: None}, auth=RequireActor())
def delete_affiliation(request, affiliation_id: PathId):
    services.delete_affiliation(actor_of(request), _affiliation(request, affiliation_id))
    return Status(204, None)


CountryName = Annotated[str, StringConstraints(min_length=1, max_length=128)]


class ProfileIn(Schema):
    organisation: Id
    countries: list[CountryName] = Field(
        default_factory=list, max_length=50, description="ISO codes or names wanted."
    )
    fields: FieldCodes = Field(default_factory=list)
    conditions: LongText = ""
    pr: LongText = ""


class ProfileOut(Schema):
    local_government: str = Field(alias="local_government.code")
    countries: list[str]
    fields: list[str]
    conditions: str
    pr: str


@router.get("/partners/profiles", response=list[ProfileOut], auth=OptionalActor())
@paginate(Paginated)
def list_profiles(request):
    """Japanese local governments looking for a partner (public)."""
    found = PartnerProfile.objects.select_related("local_government")
    return scoping.visible(found, actor_of(request)).order_by("local_government__code")


@router.put("/partners/profiles/{code}", response=ProfileOut, auth=RequireActor())
def set_profile(request, code: Code, payload: ProfileIn):
    """Set the partner-seeking profile of a place the organisation acts for: its own and, for
    a prefecture, its municipalities (editors; others get 403)."""
    actor = actor_of(request)
    data = payload.dict()
    scoping.require(actor, data["organisation"], Role.EDITOR)  # before saying it exists
    organisation = get_object_or_404(Organisation, pk=data.pop("organisation"))
    place = places.local_government_by_code(code[:6])
    return services.save_profile(actor, organisation, place, **data)
