"""/api/v1/partners: affiliations (public), partner requests and their explained matches."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from glocal import wareki
from glocal.api.auth import OptionalActor, RequireActor, actor_of
from glocal.api.pagination import Paginated
from glocal.orgs import scoping
from glocal.orgs.models import Role
from glocal.partners import matching
from glocal.partners.models import Affiliation, Exchange, PartnerRequest
from glocal.places import services as places

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
