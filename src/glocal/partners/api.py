"""/api/v1/partners: affiliations (public), partner requests and their explained matches."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from glocal import wareki
from glocal.api.auth import OptionalActor, RequireActor, actor_of
from glocal.api.pagination import Paginated
from glocal.orgs import scoping
from glocal.orgs.models import Organisation, Role
from glocal.partners import matching
from glocal.partners.models import Affiliation, Exchange, PartnerProfile, PartnerRequest
from glocal.partners.models import Field as Field_
from glocal.places import services as places
from glocal.places.models import Country, ForeignLocalGovernment

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
    fields: list[str] = Field(alias="field_list")

    @staticmethod
    def resolve_signed_on(obj):
        return obj.signed_on.isoformat() if obj.signed_on else None


@router.get("/partners/affiliations", response=list[AffiliationOut], auth=OptionalActor())
@paginate(Paginated)
def list_affiliations(request):
    found = Affiliation.objects.select_related("local_government", "partner__country")
    return scoping.visible(found, actor_of(request))


class RequestIn(Schema):
    organisation: int
    name: str
    country: str
    population: int | None = None
    latitude: float | None = None
    profile: str = ""
    fields: list[str] = Field(default_factory=list)
    preferred_prefectures: list[str] = Field(default_factory=list)


class RequestOut(Schema):
    id: int
    name: str
    country: str = Field(alias="country.code")
    population: int | None
    latitude: float | None
    profile: str
    fields: list[str] = Field(alias="field_list")
    status: str


def _requests(request):
    actor = actor_of(request)
    found = PartnerRequest.objects.select_related("country")
    if actor.is_superuser:
        return found
    return found.filter(
        Q(status=PartnerRequest.Status.APPROVED)
        | Q(owner_id__in=actor.organisation_ids(Role.VIEWER))
    )


@router.get("/partners/requests", response=list[RequestOut], auth=OptionalActor())
@paginate(Paginated)
def list_requests(request):
    """Approved requests are public; organisations also see their own pending ones."""
    return _requests(request)


@router.post("/partners/requests", response={201: RequestOut}, auth=RequireActor())
def create_request(request, payload: RequestIn):
    """A request waits for moderation before it is public."""
    actor = actor_of(request)
    scoping.require(actor, payload.organisation, Role.EDITOR)
    found = PartnerRequest(
        owner_id=payload.organisation,
        name=payload.name,
        country=places.country_by_code(payload.country),
        population=payload.population,
        latitude=payload.latitude,
        profile=payload.profile,
    )
    found.set_fields(payload.fields)
    found.save()
    found.preferred_prefectures.set(
        [places.local_government_by_code(code) for code in payload.preferred_prefectures]
    )
    return Status(201, found)


@router.post("/partners/requests/{request_id}/approve", response=RequestOut, auth=RequireActor())
def approve_request(request, request_id: int):
    """Moderation: an administrator of the organisation that entered it approves it."""
    found = get_object_or_404(_requests(request), pk=request_id)
    scoping.require(actor_of(request), found.owner_id, Role.ADMIN)
    found.status = PartnerRequest.Status.APPROVED
    found.is_public = True
    found.save()
    return found


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
def request_matches(request, request_id: int, filters: Query[MatchFilter]):
    """Every Japanese local government ranked for this request, best first, with what each
    factor added (the factors add up to the score). See glocal/partners/matching.py."""
    found = get_object_or_404(_requests(request), pk=request_id)
    return matching.rank(found, ties=filters.ties, limit=filters.limit)


class ExchangeIn(Schema):
    started_on: str = Field(description="2026-11-21, or an era date: R8.11.21")
    ended_on: str | None = None
    direction: str
    kind: str
    field: str = ""
    participants: int | None = None
    outcomes: str = ""


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
def list_exchanges(request, affiliation_id: int):
    return list(_affiliation(request, affiliation_id).exchanges.all())


@router.post(
    "/partners/affiliations/{affiliation_id}/exchanges",
    response={201: ExchangeOut},
    auth=RequireActor(),
)
def add_exchange(request, affiliation_id: int, payload: ExchangeIn):
    """Record an exchange activity (editors of the affiliation's organisation)."""
    affiliation = _affiliation(request, affiliation_id)
    scoping.require(actor_of(request), affiliation.owner_id, Role.EDITOR)
    dates = {}
    for name in ("started_on", "ended_on"):
        raw = getattr(payload, name)
        if raw:
            try:
                dates[name] = wareki.parse_date(raw)
            except ValueError as exc:
                raise ValidationError({name: str(exc)}) from exc
    exchange = Exchange(
        affiliation=affiliation,
        direction=payload.direction,
        kind=payload.kind,
        field=payload.field,
        participants=payload.participants,
        outcomes=payload.outcomes,
        **dates,
    )
    exchange.full_clean()
    exchange.save()
    return Status(201, exchange)


class AffiliationIn(Schema):
    organisation: int
    local_government: str = Field(description="Code of the Japanese prefecture or municipality.")
    partner: int = Field(
        description="Id of a foreign local government (/places/foreign-governments)."
    )
    kind: str
    signed_on: str | None = Field(None, description="2002-04-20, R3.4.1, 平成元年4月1日 …")
    status: str = "active"
    ended_on: str | None = None
    fields: list[str] = Field(default_factory=list)
    notes: str = ""
    source: str = ""


class AffiliationPatch(Schema):
    kind: str | None = None
    signed_on: str | None = None
    status: str | None = None
    ended_on: str | None = None
    fields: list[str] | None = None
    notes: str | None = None
    source: str | None = None
    is_public: bool | None = None


def _date(name: str, raw: str | None):
    if not raw:
        return None
    try:
        return wareki.parse_date(raw)
    except ValueError as exc:
        raise ValidationError({name: str(exc)}) from exc


def _apply(affiliation: Affiliation, data: dict) -> Affiliation:
    for name in ("kind", "status", "notes", "source", "is_public"):
        if name in data and data[name] is not None:
            setattr(affiliation, name, data[name])
    for name in ("signed_on", "ended_on"):
        if name in data:
            setattr(affiliation, name, _date(name, data[name]))
    if data.get("fields") is not None:
        unknown = [f for f in data["fields"] if f not in Field_.values]
        if unknown:
            raise ValidationError({"fields": f"unknown fields: {', '.join(unknown)}"})
        affiliation.set_fields(data["fields"])
    if affiliation.status == Affiliation.Status.ENDED and not affiliation.ended_on:
        raise ValidationError({"ended_on": "an ended affiliation needs its end date"})
    affiliation.full_clean(exclude=["owner", "local_government", "partner"])
    affiliation.save()
    return affiliation


@router.post("/partners/affiliations", response={201: AffiliationOut}, auth=RequireActor())
def create_affiliation(request, payload: AffiliationIn):
    actor = actor_of(request)
    scoping.require(actor, payload.organisation, Role.EDITOR)
    partner = get_object_or_404(
        scoping.visible(ForeignLocalGovernment.objects.all(), actor), pk=payload.partner
    )
    place = places.local_government_by_code(payload.local_government)
    if Affiliation.objects.filter(local_government=place, partner=partner).exists():
        raise ValidationError({"partner": "this affiliation is already registered"})
    affiliation = Affiliation(
        owner_id=payload.organisation, local_government=place, partner=partner
    )
    return Status(201, _apply(affiliation, payload.dict()))


def _editable(request, affiliation_id: int) -> Affiliation:
    found = _affiliation(request, affiliation_id)
    scoping.require(actor_of(request), found.owner_id, Role.EDITOR)
    return found


@router.patch(
    "/partners/affiliations/{affiliation_id}", response=AffiliationOut, auth=RequireActor()
)
def update_affiliation(request, affiliation_id: int, payload: AffiliationPatch):
    """Change an affiliation; mark it ended with status "ended" and its end date."""
    return _apply(_editable(request, affiliation_id), payload.dict(exclude_unset=True))


@router.delete("/partners/affiliations/{affiliation_id}", response={204: None}, auth=RequireActor())
def delete_affiliation(request, affiliation_id: int):
    _editable(request, affiliation_id).delete()
    return Status(204, None)


class ProfileIn(Schema):
    organisation: int
    countries: list[str] = Field(default_factory=list, description="ISO codes wanted.")
    fields: list[str] = Field(default_factory=list)
    conditions: str = ""
    pr: str = ""


class ProfileOut(Schema):
    local_government: str = Field(alias="local_government.code")
    countries: list[str]
    fields: list[str]
    conditions: str
    pr: str

    @staticmethod
    def resolve_countries(obj):
        return [c for c in obj.countries.split(",") if c]

    @staticmethod
    def resolve_fields(obj):
        return [f for f in obj.fields.split(",") if f]


@router.get("/partners/profiles", response=list[ProfileOut], auth=OptionalActor())
@paginate(Paginated)
def list_profiles(request):
    """Japanese local governments looking for a partner (public)."""
    return PartnerProfile.objects.filter(is_public=True).select_related("local_government")


def _country_code(value: str) -> str:
    """An ISO code, or a country's Japanese or English name or alias."""
    found = list(Country.objects.search(value)[:2])
    if len(found) != 1:
        raise ValidationError({"countries": f"unknown country {value!r}"})
    return found[0].code


@router.put("/partners/profiles/{code}", response=ProfileOut, auth=RequireActor())
def set_profile(request, code: str, payload: ProfileIn):
    """Set the partner-seeking profile of a local government the organisation speaks for."""
    actor = actor_of(request)
    scoping.require(actor, payload.organisation, Role.EDITOR)
    place = places.local_government_by_code(code)
    organisation = Organisation.objects.get(pk=payload.organisation)
    if organisation.local_government_id not in (place.pk, place.prefecture_id):
        raise PermissionDenied("An organisation keeps the profile of its own place only.")
    countries = [_country_code(value) for value in payload.countries]
    unknown = [f for f in payload.fields if f not in Field_.values]
    if unknown:
        raise ValidationError({"fields": f"unknown fields: {', '.join(unknown)}"})
    profile, _created = PartnerProfile.objects.update_or_create(
        local_government=place,
        defaults={
            "owner_id": payload.organisation,
            "countries": f",{','.join(countries)}," if countries else "",
            "fields": f",{','.join(sorted(set(payload.fields)))}," if payload.fields else "",
            "conditions": payload.conditions,
            "pr": payload.pr,
        },
    )
    return profile
