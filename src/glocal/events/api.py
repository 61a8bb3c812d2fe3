"""/api/v1/events: public events to all, the rest to their co-hosts; registration without an
account; check-in at the door (one scan or an offline batch); calendars."""

from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from glocal.api.auth import OptionalActor, RequireActor, actor_of
from glocal.api.limits import PathId, RecordId
from glocal.api.pagination import Paginated
from glocal.events import access, calendars, services, statistics, tickets
from glocal.events.models import Event, Kind, Registration
from glocal.orgs import audit
from glocal.orgs.models import AuditEvent, Role
from glocal.places import services as places

router = Router(tags=["events"])

Text = Annotated[str, Field(max_length=5000)]
Short = Annotated[str, Field(max_length=300)]
Texts = Annotated[dict[Annotated[str, Field(max_length=16)], Text], Field(max_length=20)]
ShortTexts = Annotated[dict[Annotated[str, Field(max_length=16)], Short], Field(max_length=20)]


class QuestionIn(Schema):
    key: str = Field(max_length=40)
    label: ShortTexts
    type: Literal["text", "yesno", "choice"] = "text"
    choices: list[Annotated[str, Field(max_length=100)]] = Field(
        default_factory=list, max_length=30
    )
    required: bool = False


class EventIn(Schema):
    organisation: int | None = Field(
        None, description="The owning organisation; default: the token's or your only one."
    )
    kind: Literal[tuple(Kind.values)]  # type: ignore[valid-type]
    title: ShortTexts = Field(description='Per content language; "ja" is required.')
    description: Texts = Field(default_factory=dict)
    starts_at: datetime = Field(description="ISO 8601; without an offset, in `timezone`.")
    ends_at: datetime
    timezone: str = Field("Asia/Tokyo", max_length=64, description="IANA zone of the venue.")
    capacity: int | None = Field(None, ge=0, le=1_000_000, description="None: no limit.")
    waiting_list: bool = True
    public: bool = Field(description="False: invitation-only.")
    venue_name: str = Field("", max_length=200)
    venue_local_government: str | None = Field(None, max_length=6, description="JIS code.")
    venue_country: str | None = Field(None, max_length=3, description="ISO code, abroad.")
    questions: list[QuestionIn] = Field(default_factory=list, max_length=30)
    languages: list[Annotated[str, Field(max_length=16)]] = Field(
        default_factory=list, max_length=20
    )
    cohosts: list[int] = Field(default_factory=list, max_length=20)
    cohost_names: list[Short] = Field(default_factory=list, max_length=20)
    plan_nodes: list[int] = Field(default_factory=list, max_length=50)


class EventPatch(Schema):
    title: ShortTexts | None = None
    description: Texts | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    capacity: int | None = Field(None, ge=0, le=1_000_000)
    waiting_list: bool | None = None
    public: bool | None = None


class SessionOut(Schema):
    id: int
    title: dict
    starts_at: str
    ends_at: str
    room: str
    capacity: int | None


class EventOut(Schema):
    id: int
    kind: str
    title: dict
    description: dict
    starts_at: str = Field(description="In the event's own zone.")
    ends_at: str
    timezone: str
    capacity: int | None
    waiting_list: bool
    public: bool
    venue_name: str
    venue_local_government: str | None
    venue_country: str | None
    cohosts: list[str]
    cohost_names: list[str]
    languages: list[str]
    questions: list[dict]
    confirmed: int
    places_left: int | None
    sessions: list[SessionOut]


def _local(value, zone) -> str:
    return timezone.localtime(value, zone).isoformat()


def _session(session, zone) -> dict:
    return {
        "id": session.pk,
        "title": session.title,
        "starts_at": _local(session.starts_at, zone),
        "ends_at": _local(session.ends_at, zone),
        "room": session.room,
        "capacity": session.capacity,
    }


def _event(event: Event) -> dict:
    zone = ZoneInfo(event.timezone)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return {
        "id": event.pk,
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "starts_at": _local(event.starts_at, zone),
        "ends_at": _local(event.ends_at, zone),
        "timezone": event.timezone,
        "capacity": event.capacity,
        "waiting_list": event.waiting_list,
        "public": event.is_public,
        "venue_name": event.venue_name,
        "venue_local_government": getattr(event.venue_local_government, "code", None),
        "venue_country": getattr(event.venue_country, "code", None),
        "cohosts": [org.slug for org in event.cohosts.all()],
        "cohost_names": event.cohost_names,
        "languages": event.languages,
        "questions": event.questions,
        "confirmed": confirmed,
        "places_left": None if event.capacity is None else max(event.capacity - confirmed, 0),
        "sessions": [_session(s, zone) for s in event.sessions.all()],
    }


def _visible(request, event_id: int) -> Event:
    found = access.visible(actor_of(request)).select_related(
        "venue_local_government", "venue_country"
    )
    return get_object_or_404(found, pk=event_id)


def _hosted(request, event_id: int, role=Role.VIEWER) -> Event:
    """Outsiders get a 404, as for a record that does not exist."""
    event = access.hosted_event(actor_of(request), event_id, role)
    if event is not None:
        return event
    event = _visible(request, event_id)  # a 404 for events the caller may not even see
    if access.is_host(actor_of(request), event):
        access.require_host(actor_of(request), event, role)  # a 403 that names the role
    raise Http404(_("Not found."))


@router.get("/events", response=list[EventOut], auth=OptionalActor())
@paginate(Paginated)
def list_events(request):
    """Public events to everyone; invitation-only events to their co-hosts too."""
    found = access.visible(actor_of(request)).select_related(
        "venue_local_government", "venue_country"
    )
    return [_event(e) for e in found.prefetch_related("cohosts", "sessions")]


def _owner(request, organisation: int | None) -> int:
    actor = actor_of(request)
    if organisation is not None:
        return organisation
    # The one organisation the actor edits for, else the one they belong to (refused below).
    editable = actor.organisation_ids(Role.EDITOR) or actor.organisation_ids(Role.VIEWER)
    if len(editable) != 1:
        raise ValidationError({"organisation": _("Say which organisation owns the event.")})
    return editable[0]


def _place_fields(payload) -> dict:
    data = {}
    try:
        if payload.venue_local_government:
            data["venue_local_government"] = places.local_government_by_code(
                payload.venue_local_government
            )
        if payload.venue_country:
            data["venue_country"] = places.country_by_code(payload.venue_country)
    except Http404 as exc:
        raise ValidationError({"venue": str(exc)}) from exc
    return data


@router.post("/events", response={201: EventOut}, auth=RequireActor())
def create_event(request, payload: EventIn):
    """Editors of the owning organisation. Co-hosts on the platform see and manage it too."""
    data = payload.dict(exclude={"organisation", "cohosts", "plan_nodes", "public"})
    data |= _place_fields(payload) | {"is_public": payload.public}
    event = services.create_event(
        actor_of(request),
        _owner(request, payload.organisation),
        data,
        cohost_ids=payload.cohosts,
        node_ids=payload.plan_nodes,
    )
    return Status(201, _event(event))


class SessionIn(Schema):
    title: ShortTexts = Field(description='Per content language; "ja" is required.')
    starts_at: datetime = Field(description="ISO 8601; without an offset, in the event's zone.")
    ends_at: datetime
    room: str = Field("", max_length=200)
    capacity: int | None = Field(None, ge=0, le=1_000_000, description="None: no limit.")


@router.post("/events/{event_id}/sessions", response={201: SessionOut}, auth=RequireActor())
def add_session(request, event_id: PathId, payload: SessionIn):
    """Editors of a co-host: a part of the timetable (a sectional meeting) with its own capacity.
    It must lie within the event's time and end after it starts (else 422)."""
    event = _hosted(request, event_id, Role.EDITOR)
    made = services.add_session(actor_of(request), event, **payload.dict())
    return Status(201, _session(made, ZoneInfo(event.timezone)))


class RegisteredOut(Schema):
    id: int
    status: str
    ticket: str | None = Field(description="The signed code in the ticket's QR code.")
    cancel_code: str


# Before /events/{event_id}: Django tries the paths in order.
class CancelIn(Schema):
    code: str = Field(max_length=200)


@router.post("/events/cancel", response=RegisteredOut, auth=None)
def cancel(request, payload: CancelIn):
    """Cancel with the code of the cancellation link; the next person waiting gets the place."""
    return _registered(services.cancel(payload.code))


@router.get("/events/{event_id}", response=EventOut, auth=OptionalActor())
def get_event(request, event_id: PathId):
    return _event(_visible(request, event_id))


@router.patch("/events/{event_id}", response=EventOut, auth=RequireActor())
def update_event(request, event_id: PathId, payload: EventPatch):
    """A capacity below the confirmed registrations is refused; a larger one promotes people
    from the waiting list."""
    event = _hosted(request, event_id, Role.EDITOR)
    data = payload.dict(exclude_unset=True)
    if "public" in data:
        data["is_public"] = data.pop("public")
    return _event(services.update_event(actor_of(request), event, data))


class RegisterIn(Schema):
    name: str = Field(max_length=200)
    email: str = Field(max_length=254)
    language: str = Field("ja", max_length=16)
    answers: Annotated[
        dict[Annotated[str, Field(max_length=40)], bool | Annotated[str, Field(max_length=500)]],
        Field(max_length=30),
    ] = Field(default_factory=dict)
    organisation: str = Field("", max_length=200)
    organisation_kind: str = Field("", max_length=40)
    country: str | None = Field(None, max_length=3)
    invitation: str | None = Field(
        None, max_length=200, description="The code from a personal invitation link."
    )
    sessions: list[RecordId] = Field(
        default_factory=list,
        max_length=50,
        description="Ids of the event's sessions chosen; each session's capacity is kept.",
    )


@router.post("/events/{event_id}/register", response={201: RegisteredOut}, auth=None)
def register(request, event_id: PathId, payload: RegisterIn):
    """No account needed. Public events take anyone; invitation-only events need the code of
    a personal invitation. `status` is "confirmed" or "waitlisted"."""
    invitation = None
    if payload.invitation:
        invitation = services.registration_by_invitation(payload.invitation)
        if invitation.event_id != event_id:
            raise ValidationError({"invitation": _("This invitation is for another event.")})
        event = invitation.event
    else:
        event = get_object_or_404(Event.objects.filter(is_public=True), pk=event_id)
    country = None
    if payload.country:
        try:
            country = places.country_by_code(payload.country)
        except Http404 as exc:
            raise ValidationError({"country": str(exc)}) from exc
    applicant = services.Applicant(
        name=payload.name,
        email=payload.email,
        language=payload.language,
        answers=payload.answers,
        organisation_name=payload.organisation,
        organisation_kind=payload.organisation_kind,
        country=country,
        sessions=tuple(payload.sessions),
    )
    registration = services.register(event, applicant, invitation)
    return Status(201, _registered(registration))


def _registered(registration: Registration) -> dict:
    confirmed = registration.status == Registration.Status.CONFIRMED
    return {
        "id": registration.pk,
        "status": registration.status,
        "ticket": tickets.ticket_code(registration) if confirmed else None,
        "cancel_code": tickets.cancel_code(registration),
    }


class RegistrationOut(Schema):
    id: int
    name: str
    email: str
    language: str
    organisation: str
    organisation_kind: str
    country: str | None
    answers: dict
    status: str
    registered_at: str
    checked_in_at: str | None
    ticket: str | None


def _registration(r: Registration) -> dict:
    arrival = getattr(r, "check_in", None)
    return {
        "id": r.pk,
        "name": r.name,
        "email": r.email,
        "language": r.language,
        "organisation": r.organisation_name,
        "organisation_kind": r.organisation_kind,
        "country": getattr(r.country, "code", None),
        "answers": r.answers,
        "status": r.status,
        "registered_at": r.created_at.isoformat(),
        "checked_in_at": arrival.scanned_at.isoformat() if arrival else None,
        "ticket": tickets.ticket_code(r) if r.status == Registration.Status.CONFIRMED else None,
    }


@router.get("/events/{event_id}/registrations", response=list[RegistrationOut], auth=RequireActor())
@paginate(Paginated)
def list_registrations(request, event_id: PathId):
    """Co-hosts only: registrants' personal data. Each listing is written to the audit log."""
    event = _hosted(request, event_id)
    audit.write(event, AuditEvent.Action.READ, {"read": [None, "registrations: listed"]})
    found = event.registrations.select_related("country", "check_in")
    return [_registration(r) for r in found]


class CheckinIn(Schema):
    code: str = Field(max_length=300)
    device: str = Field("", max_length=64)


class CheckinOut(Schema):
    result: Literal["checked_in", "already"]
    registration: int
    name: str
    organisation: str
    scanned_at: str


def _scan(done: services.Scan) -> dict:
    return {
        "result": done.result,
        "registration": done.registration.pk,
        "name": done.registration.name,
        "organisation": done.registration.organisation_name,
        "scanned_at": done.check_in.scanned_at.isoformat(),
    }


@router.post("/events/{event_id}/checkin", response=CheckinOut, auth=RequireActor())
def check_in(request, event_id: PathId, payload: CheckinIn):
    """Co-hosts at the door. A second scan of the same ticket answers "already" and counts
    nothing; a forged ticket or one for another event is refused (422)."""
    event = _hosted(request, event_id)
    return _scan(services.check_in(actor_of(request), event, payload.code, device=payload.device))


class ScanIn(Schema):
    code: str = Field(max_length=300)
    scanned_at: datetime


class SyncIn(Schema):
    device: str = Field("", max_length=64)
    scans: list[ScanIn] = Field(max_length=services.MAX_BATCH)


class SyncResult(Schema):
    code: str
    result: Literal["checked_in", "already", "refused"]
    message: str = ""


@router.post("/events/{event_id}/checkin/sync", response=list[SyncResult], auth=RequireActor())
def sync(request, event_id: PathId, payload: SyncIn):
    """Scans made offline, with their times: each ticket counts once whichever phone sent it,
    at the earliest time it was scanned."""
    event = _hosted(request, event_id)
    scans = [s.dict() for s in payload.scans]
    return services.sync_scans(actor_of(request), event, scans, payload.device)


@router.get("/events/{event_id}/ics", auth=OptionalActor())
def event_ics(request, event_id: PathId, language: str = "ja"):
    """The event as iCalendar (RFC 5545), in its own time zone."""
    event = _visible(request, event_id)
    url = request.build_absolute_uri(f"/events/{event.pk}/")
    body = calendars.event_ics(event, language[:16], url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


class OutcomesIn(Schema):
    media_links: list[Annotated[str, Field(max_length=500)]] | None = Field(None, max_length=100)
    negotiations: int | None = Field(None, ge=0, le=1_000_000)
    contracts: int | None = Field(None, ge=0, le=1_000_000)
    contract_value_yen: int | None = Field(None, ge=0, le=10**15)
    walk_ins: int | None = Field(None, ge=0, le=10_000_000)


@router.get("/events/{event_id}/outcomes", auth=RequireActor())
def get_outcomes(request, event_id: PathId):
    """Co-hosts: arrivals by country and kind of organisation, feedback, negotiations."""
    return statistics.outcomes(_hosted(request, event_id))


@router.put("/events/{event_id}/outcomes", auth=RequireActor())
def put_outcomes(request, event_id: PathId, payload: OutcomesIn):
    event = _hosted(request, event_id, Role.EDITOR)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    services.record_outcomes(actor_of(request), event, data)
    return statistics.outcomes(event)


class FeedbackIn(Schema):
    language: str = Field("ja", max_length=16)
    ratings: Annotated[dict[Annotated[str, Field(max_length=20)], int], Field(max_length=10)]
    comment: str = Field("", max_length=2000)


@router.post("/events/{event_id}/feedback", response={201: dict}, auth=None)
def feedback(request, event_id: PathId, payload: FeedbackIn):
    """The anonymous questionnaire (ratings 1–5: overall, content, organisation)."""
    event = get_object_or_404(Event.objects.filter(is_public=True), pk=event_id)
    services.give_feedback(event, payload.language, payload.ratings, payload.comment)
    return Status(201, {"saved": True})


class InvitationIn(Schema):
    name: str = Field(max_length=200)
    email: str = Field(max_length=254)
    language: str = Field("ja", max_length=16)
    days: int = Field(30, ge=1, le=365)


class InvitationOut(Schema):
    id: int
    code: str
    url: str
    expires_at: str


@router.post("/events/{event_id}/invitations", response={201: InvitationOut}, auth=RequireActor())
def invite(request, event_id: PathId, payload: InvitationIn):
    """Editors of a co-host: a personal invitation link (send it yourself for now)."""
    event = _hosted(request, event_id, Role.EDITOR)
    made = services.invite(
        actor_of(request), event, payload.name, payload.email, payload.language, payload.days
    )
    code = tickets.invitation_code(made)
    return Status(
        201,
        {
            "id": made.pk,
            "code": code,
            "url": request.build_absolute_uri(f"/events/invitation/{code}/"),
            "expires_at": made.expires_at.isoformat(),
        },
    )
