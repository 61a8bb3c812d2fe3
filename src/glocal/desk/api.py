"""/api/v1/desk: cases, the resident's details (audited), replies and statistics.

Only desk members of the organisation that owns a case see it (`glocal.desk.access`): anyone
else signed in gets 404 for a case and 403 for an organisation's statistics; no login is 401.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from glocal.api.auth import RequireActor, actor_of
from glocal.api.limits import PathId
from glocal.api.pagination import Paginated
from glocal.desk import access, resolve, services, statistics
from glocal.desk.forms_data import case_values
from glocal.desk.models import CannedAnswer, Case
from glocal.orgs.models import Organisation

router = Router(tags=["desk"], auth=RequireActor())

Text = Field(default="", max_length=10_000)
Short = Field(max_length=80)


class CaseIn(Schema):
    organisation: int = Field(ge=1)
    received_at: datetime
    channel: str = Short
    language: str = Short
    interpretation: str = Field(default="none", max_length=80)
    topics: list[str] = Field(min_length=1, max_length=20)
    nationality: str = Field(default="", max_length=80)
    residence_status: str = Field(default="", max_length=80)
    municipality: str = Field(default="", max_length=80)
    age_band: str = Field(default="", max_length=20)
    gender: str = Field(default="", max_length=20)
    summary: str = Text
    actions: str = Text
    referrals: list[int] = Field(default_factory=list, max_length=20)
    status: str = Field(default="open", max_length=20)
    closed_on: date | None = None
    follow_up_on: date | None = None
    minutes: int | None = Field(default=None, ge=0, le=services.MAX_MINUTES)
    first_reply_at: datetime | None = None


class ResidentIn(Schema):
    name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=300)
    notes: str = Field(default="", max_length=1000)


class NewCaseIn(CaseIn):
    resident: ResidentIn | None = None


class CaseOut(Schema):
    id: int
    organisation: int = Field(alias="owner_id")
    received_at: datetime
    channel: str
    language: str
    interpretation: str
    topics: list[str]
    nationality: str | None
    residence_status: str
    municipality: str | None
    age_band: str
    gender: str
    summary: str
    actions: str
    referrals: list[int]
    status: str
    closed_on: date | None
    follow_up_on: date | None
    minutes: int | None
    first_reply_at: datetime | None
    has_resident_details: bool

    @staticmethod
    def resolve_topics(obj):
        return [topic.code for topic in obj.topics.all()]

    @staticmethod
    def resolve_referrals(obj):
        return [agency.pk for agency in obj.referrals.all()]

    @staticmethod
    def resolve_nationality(obj):
        return obj.nationality.code if obj.nationality_id else None

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.code if obj.municipality_id else None

    @staticmethod
    def resolve_has_resident_details(obj):
        return hasattr(obj, "resident")


class ResidentOut(Schema):
    name: str
    email: str
    phone: str
    address: str
    notes: str


class MessageOut(Schema):
    id: int
    direction: str
    language: str
    body: str
    delivery: str
    at: datetime


class ReplyIn(Schema):
    body: str = Text
    answer: int | None = Field(default=None, ge=1)
    language: str | None = Field(default=None, max_length=35)


class SubjectIn(Schema):
    organisation: int = Field(ge=1)
    email: str = Field(min_length=3, max_length=254)


def _cases(request):
    return (
        access.cases(actor_of(request))
        .select_related("nationality", "municipality", "resident")
        .prefetch_related("topics", "referrals")
    )


def _case(request, case_id: int) -> Case:
    return get_object_or_404(_cases(request), pk=case_id)


def _organisation(request, organisation_id: int) -> Organisation:
    actor = actor_of(request)
    access.require_desk(actor, organisation_id)
    return get_object_or_404(Organisation, pk=organisation_id)


def _values(organisation, payload: CaseIn):
    return case_values(resolve.Resolver(organisation), payload.dict())


@router.get("/desk/cases", response=list[CaseOut])
@paginate(Paginated)
def list_cases(request, status: str = Query("", max_length=10)):
    """The cases of the desks the caller works at, newest first."""
    found = _cases(request)
    return found.filter(status=status) if status else found


@router.post("/desk/cases", response={201: CaseOut})
def create_case(request, payload: NewCaseIn):
    """A new case; the resident's details, if any, are kept apart from it."""
    organisation = _organisation(request, payload.organisation)
    details = services.ResidentValues(**(payload.resident.dict() if payload.resident else {}))
    case = services.open_case(
        actor_of(request), organisation, _values(organisation, payload), details
    )
    return Status(201, _case(request, case.pk))


@router.get("/desk/cases/{case_id}", response=CaseOut)
def get_case(request, case_id: PathId):
    return _case(request, case_id)


@router.put("/desk/cases/{case_id}", response=CaseOut)
def update_case(request, case_id: PathId, payload: CaseIn):
    case = _case(request, case_id)
    if payload.organisation != case.owner_id:
        raise ValidationError({"organisation": _("A case stays with the desk that received it.")})
    services.update_case(actor_of(request), case, _values(case.owner, payload))
    return _case(request, case_id)


@router.get("/desk/cases/{case_id}/resident", response=ResidentOut)
def get_resident(request, case_id: PathId):
    """The resident's details: every read is written to the audit log."""
    found = services.resident_details(actor_of(request), _case(request, case_id))
    if found is None:
        raise Http404(_("No personal details are recorded for this case."))
    return found


@router.put("/desk/cases/{case_id}/resident", response=ResidentOut)
def put_resident(request, case_id: PathId, payload: ResidentIn):
    values = services.ResidentValues(**payload.dict())
    return services.save_resident(actor_of(request), _case(request, case_id), values)


@router.delete("/desk/cases/{case_id}/resident", response={204: None})
def erase_resident(request, case_id: PathId):
    """Erase the resident's details and the thread; the anonymised case stays."""
    services.erase_case_details(actor_of(request), _case(request, case_id))
    return Status(204, None)


@router.get("/desk/cases/{case_id}/messages", response=list[MessageOut])
def list_messages(request, case_id: PathId):
    return services.thread(actor_of(request), _case(request, case_id))


@router.post("/desk/cases/{case_id}/replies", response={201: MessageOut})
def create_reply(request, case_id: PathId, payload: ReplyIn):
    """Recorded in the thread and queued for e-mail in the resident's language."""
    case = _case(request, case_id)
    answer = None
    if payload.answer is not None:
        answer = get_object_or_404(CannedAnswer, pk=payload.answer, owner_id=case.owner_id)
    message = services.reply(actor_of(request), case, payload.body, answer, payload.language)
    return Status(201, message)


@router.post("/desk/residents/access", response=list[dict])
def resident_access(request, payload: SubjectIn):
    """A resident's request to see their data (every read audited)."""
    organisation = _organisation(request, payload.organisation)
    return services.subject_access(actor_of(request), organisation, payload.email)


class ErasedOut(Schema):
    cases: int


@router.post("/desk/residents/erase", response=ErasedOut)
def resident_erase(request, payload: SubjectIn):
    """A resident's request to erase their data, in one action."""
    organisation = _organisation(request, payload.organisation)
    return {"cases": services.erase_resident(actor_of(request), organisation, payload.email)}


class StatisticOut(Schema):
    key: str
    count: int | None
    suppressed: bool


class StatisticsOut(Schema):
    items: list[StatisticOut]
    count: int


BY = "^(language|topic|channel|month|nationality|residence_status|municipality)$"


@router.get("/desk/statistics", response=StatisticsOut)
def get_statistics(
    request,
    organisation: int = Query(..., ge=1),
    fy: int = Query(..., ge=1950, le=2100),
    by: str = Query("language", pattern=BY),
):
    """Counts for one fiscal year; a count below 3 is `null` with `suppressed: true`.
    `count` is the number of cases in the year."""
    _organisation(request, organisation)
    cells = statistics.table(organisation, fy, (by,))
    items = [
        {"key": str(cell.key[0]), "count": cell.published, "suppressed": cell.suppressed}
        for cell in cells
    ]
    return {"items": items, "count": statistics.total(organisation, fy)}
