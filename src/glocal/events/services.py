"""Every write of the events app: one transaction each, audited through AuditedModel.

Capacity is decided under a lock on the event's row (PostgreSQL `SELECT … FOR UPDATE`; SQLite
runs write transactions one at a time), so concurrent registrations never overfill an event and
a cancellation promotes exactly the next person on the waiting list.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal import languages
from glocal.core import keyed
from glocal.events import access, tickets
from glocal.events.models import (
    Attendance,
    CheckIn,
    Event,
    Feedback,
    Invitation,
    Kind,
    Learner,
    Registration,
    Session,
    Teacher,
)
from glocal.orgs import audit, scoping
from glocal.orgs.actors import acting_as
from glocal.orgs.models import AuditEvent, Organisation, Role

logger = logging.getLogger(__name__)
Status = Registration.Status

QUESTION_TYPES = ("text", "yesno", "choice")
MAX_ANSWER = 500
FEEDBACK_QUESTIONS = ("overall", "content", "organisation")


# --- events -----------------------------------------------------------------------------------


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        message = _("%(zone)s is not a time zone.") % {"zone": name}
        raise ValidationError({"timezone": message}) from exc


def _aware(value: datetime, zone: ZoneInfo) -> datetime:
    """A time typed without an offset is in the event's own zone."""
    return value if timezone.is_aware(value) else value.replace(tzinfo=zone)


def _texts(field: str, value: dict, required: bool) -> dict:
    if not isinstance(value, dict):
        raise ValidationError({field: _('Give the text per language, e.g. {"ja": …}.')})
    cleaned = {}
    for tag, text in value.items():
        try:
            tag = languages.normalise(str(tag))
        except languages.UnknownLanguage as exc:
            raise ValidationError({field: str(exc)}) from exc
        if str(text).strip():
            cleaned[tag] = str(text).strip()
    if required and not cleaned.get("ja"):
        raise ValidationError({field: _("The Japanese text is required.")})
    return cleaned


def _questions(value: list) -> list:
    cleaned, keys = [], set()
    for item in value or []:
        key = str(item.get("key", "")).strip()
        kind = item.get("type", "text")
        if not key or not key.replace("_", "").isalnum() or key in keys:
            raise ValidationError({"questions": _("Each question needs its own short key.")})
        if kind not in QUESTION_TYPES:
            raise ValidationError(
                {"questions": _("%(type)s is not a question type.") % {"type": kind}}
            )
        choices = [str(c)[:100] for c in item.get("choices", [])] if kind == "choice" else []
        if kind == "choice" and not choices:
            raise ValidationError({"questions": _("A choice question needs its choices.")})
        keys.add(key)
        cleaned.append(
            {
                "key": key,
                "label": _texts("questions", item.get("label") or {"ja": key}, True),
                "type": kind,
                "choices": choices,
                "required": bool(item.get("required", False)),
            }
        )
    return cleaned


def _check_times(event: Event) -> None:
    if event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": _("The event ends before it starts.")})


def _check_capacity(event: Event) -> None:
    if event.capacity is None or event.pk is None:
        return
    confirmed = event.registrations.filter(status=Status.CONFIRMED).count()
    if event.capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _(
                    "%(confirmed)s registrations are already confirmed; the capacity cannot "
                    "be lower."
                )
                % {"confirmed": confirmed}
            }
        )


FIELDS = (
    "kind",
    "title",
    "description",
    "venue_name",
    "venue_local_government",
    "venue_country",
    "timezone",
    "starts_at",
    "ends_at",
    "capacity",
    "waiting_list",
    "questions",
    "languages",
    "cohost_names",
    "is_public",
)


def _apply(event: Event, data: dict) -> None:
    for name in FIELDS:
        if name in data:
            setattr(event, name, data[name])
    if event.kind not in Kind.values:
        message = _("%(kind)s is not a kind of event.") % {"kind": event.kind}
        raise ValidationError({"kind": message})
    event.title = _texts("title", event.title, True)
    event.description = _texts("description", event.description or {}, False)
    event.questions = _questions(event.questions)
    try:
        event.languages = [languages.normalise(tag) for tag in event.languages or []]
    except languages.UnknownLanguage as exc:
        raise ValidationError({"languages": str(exc)}) from exc
    zone = _zone(event.timezone)
    event.starts_at, event.ends_at = _aware(event.starts_at, zone), _aware(event.ends_at, zone)
    _check_times(event)


@transaction.atomic
def create_event(actor, owner_id: int, data: dict, cohost_ids=(), node_ids=()) -> Event:
    scoping.require(actor, owner_id, Role.EDITOR)
    event = Event(owner_id=owner_id)
    _apply(event, data)
    event.save()
    _link(actor, event, cohost_ids, node_ids)
    return event


def _link(actor, event: Event, cohost_ids, node_ids) -> None:
    from glocal.plans.models import Node  # the node must be one of the owner's plans

    if cohost_ids:
        found = list(Organisation.objects.filter(pk__in=cohost_ids).exclude(pk=event.owner_id))
        if len(found) != len(set(cohost_ids) - {event.owner_id}):
            message = _("An organisation given as co-host does not exist.")
            raise ValidationError({"cohosts": message})
        audit.set_related(actor, event, "cohosts", found)  # an access grant: logged
    if node_ids:
        nodes = list(Node.objects.filter(pk__in=node_ids, plan__owner_id=event.owner_id))
        if len(nodes) != len(set(node_ids)):
            raise ValidationError({"plan_nodes": _("A plan measure given is not in your plans.")})
        audit.set_related(actor, event, "plan_nodes", nodes)


@transaction.atomic
def update_event(actor, event: Event, data: dict) -> Event:
    """Changing the capacity is checked against the confirmed registrations; a larger one
    promotes people from the waiting list."""
    access.require_host(actor, event, Role.EDITOR)
    event = Event.objects.select_for_update().get(pk=event.pk)
    _apply(event, data)
    _check_capacity(event)
    event.save()
    _promote(event)
    return event


@transaction.atomic
def record_outcomes(actor, event: Event, data: dict) -> Event:
    """After the event: media coverage links, negotiations, contracts and their value, and
    participants who came without registering."""
    access.require_host(actor, event, Role.EDITOR)
    links = [str(link).strip() for link in data.get("media_links", event.media_links)]
    if any(not link.startswith(("https://", "http://")) or len(link) > 500 for link in links):
        raise ValidationError({"media_links": _("Each media link must be a web address.")})
    event.media_links = [link for link in links if link]
    for name in ("negotiations", "contracts", "contract_value_yen", "walk_ins"):
        if name in data:
            value = data[name]
            if not isinstance(value, int) or value < 0:
                raise ValidationError({name: _("Give a whole number, zero or more.")})
            setattr(event, name, value)
    event.save()
    return event


# --- registration -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Applicant:
    name: str
    email: str
    language: str = "ja"
    answers: dict | None = None
    organisation_name: str = ""
    organisation_kind: str = ""
    country: object = None  # places.Country
    sessions: tuple = ()  # ids of the event's sessions chosen


def _chosen_sessions(event: Event, ids) -> list[Session]:
    ids = set(ids or ())
    found = list(event.sessions.filter(pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError({"sessions": _("A session chosen is not part of this event.")})
    return found


def _full_sessions(sessions: list[Session]) -> list[Session]:
    """The chosen sessions with no place left (counted under the event's lock)."""
    return [
        s
        for s in sessions
        if s.capacity is not None
        and s.registrations.filter(status=Status.CONFIRMED).count() >= s.capacity
    ]


def _answers(event: Event, answers: dict) -> dict:
    answers = answers or {}
    known = {q["key"]: q for q in event.questions}
    unknown = sorted(set(answers) - set(known))
    if unknown:
        raise ValidationError(
            {"answers": _("This event does not ask %(keys)s.") % {"keys": ", ".join(unknown)}}
        )
    cleaned = {}
    for key, question in known.items():
        value = answers.get(key)
        if value in (None, ""):
            if question["required"]:
                raise ValidationError({f"answers.{key}": _("Please answer this question.")})
            continue
        if question["type"] == "yesno":
            if not isinstance(value, bool):
                raise ValidationError({f"answers.{key}": _("Answer yes or no.")})
        elif question["type"] == "choice":
            if value not in question["choices"]:
                raise ValidationError({f"answers.{key}": _("Choose one of the options.")})
        else:
            value = str(value).strip()[:MAX_ANSWER]
        cleaned[key] = value
    return cleaned


def _check_applicant(applicant: Applicant) -> str:
    if not applicant.name.strip():
        raise ValidationError({"name": _("Please give your name.")})
    try:
        validate_email(applicant.email.strip())
    except ValidationError as exc:
        raise ValidationError({"email": _("Please give a valid e-mail address.")}) from exc
    try:
        return languages.normalise(applicant.language or "ja")
    except languages.UnknownLanguage as exc:
        raise ValidationError({"language": str(exc)}) from exc


def _confirmed(event: Event) -> int:
    return event.registrations.filter(status=Status.CONFIRMED).count()


def register(event: Event, applicant: Applicant, invitation: Invitation | None = None):
    """A place if there is one, else the waiting list, else a clear refusal. Public events
    take anyone; invitation-only events only the holder of a valid invitation."""
    if not event.is_public and invitation is None:
        raise PermissionDenied(_("This event is by invitation only."))
    language = _check_applicant(applicant)
    answers = _answers(event, applicant.answers)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.ends_at <= timezone.now():
            raise ValidationError({"event": _("This event is over; registration has closed.")})
        if invitation is not None and Registration.objects.filter(invitation=invitation).exists():
            raise ValidationError({"invitation": _("This invitation has already been used.")})
        sessions = _chosen_sessions(event, applicant.sessions)
        full_sessions = _full_sessions(sessions)
        full = event.capacity is not None and _confirmed(event) >= event.capacity
        if full and not event.waiting_list:
            raise ValidationError({"event": _("This event is full.")})
        if full_sessions and not event.waiting_list:
            message = _("The session %(title)s is full.") % {"title": full_sessions[0]}
            raise ValidationError({"sessions": message})
        full = full or bool(full_sessions)
        registration = Registration(
            event=event,
            invitation=invitation,
            name=applicant.name.strip(),
            email=applicant.email.strip(),
            language=language,
            organisation_name=applicant.organisation_name.strip(),
            organisation_kind=applicant.organisation_kind.strip(),
            country=applicant.country,
            answers=answers,
            status=Status.WAITLISTED if full else Status.CONFIRMED,
        )
        registration.save()
        registration.sessions.set(sessions)
        _send(registration, "registered")  # recorded in this transaction, sent after it
    return registration


def registration_by_invitation(code: str) -> Invitation:
    """The invitation behind a link, refused when forged or expired."""
    try:
        found = Invitation.objects.select_related("event")
        invitation = found.get(pk=tickets.read_invitation(code))
    except (tickets.BadCode, Invitation.DoesNotExist) as exc:
        raise PermissionDenied(_("This invitation link is not valid.")) from exc
    if invitation.expires_at <= timezone.now():
        raise PermissionDenied(_("This invitation has expired."))
    return invitation


@transaction.atomic
def invite(actor, event: Event, name: str, email: str, language="ja", days=30) -> Invitation:
    access.require_host(actor, event, Role.EDITOR)
    language = _check_applicant(Applicant(name=name, email=email, language=language))
    if event.is_public:
        raise ValidationError({"event": _("Public events need no invitations.")})
    invitation = Invitation(
        event=event,
        name=name.strip(),
        email=email.strip(),
        language=language,
        expires_at=min(timezone.now() + timedelta(days=days), event.ends_at),
    )
    invitation.save()
    return invitation


def cancel(code: str) -> Registration:
    """Cancel through the link in the confirmation mail; the freed place goes to the next
    person waiting. Cancelling twice changes nothing."""
    try:
        registration_id = tickets.read_cancel(code)
    except tickets.BadCode as exc:
        raise PermissionDenied(_("This cancellation link is not valid.")) from exc
    with transaction.atomic():
        found = Registration.objects.filter(pk=registration_id).values_list("event_id", flat=True)
        if not found:
            raise PermissionDenied(_("This cancellation link is not valid."))
        event = Event.objects.select_for_update().get(pk=found[0])
        registration = Registration.objects.get(pk=registration_id)
        if registration.status == Status.CANCELLED:
            return registration
        if hasattr(registration, "check_in"):
            raise ValidationError({"registration": _("You have already checked in.")})
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save()
        _promote(event)
    return registration


def _promote(event: Event) -> list[Registration]:
    """Move people from the waiting list, oldest first, into free places. Call with the event
    row locked."""
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - _confirmed(event)
        if free <= 0:
            return []
    waiting = event.registrations.filter(status=Status.WAITLISTED).order_by("created_at", "id")
    promoted = []
    for registration in waiting.prefetch_related("sessions"):
        if free is not None and len(promoted) >= free:
            break
        if _full_sessions(list(registration.sessions.all())):
            continue  # waits for a place in the session they chose; the next person may fit
        promoted.append(registration)
        registration.status = Status.CONFIRMED
        registration.save()
        _send(registration, "promoted")
    return promoted


# --- check-in ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scan:
    result: str  # "checked_in" | "already"
    registration: Registration
    check_in: CheckIn


def check_in(actor, event: Event, code: str, scanned_at=None, device: str = "") -> Scan:
    """Record an arrival. A second scan of the same ticket (another phone, an offline batch
    replayed) reports "already" and keeps the earliest scan time: one arrival per ticket."""
    access.require_host(actor, event, Role.VIEWER)
    try:
        ticket = tickets.read_ticket(code)
    except tickets.BadCode as exc:
        raise ValidationError({"code": _("This is not a valid ticket.")}) from exc
    if ticket.event_id != event.pk:
        raise ValidationError({"code": _("This ticket is for another event.")})
    return _arrive(actor, event, ticket.registration_id, scanned_at, device)


def check_in_registration(actor, event: Event, registration_id: int, device: str = "") -> Scan:
    """Check in someone found by name at the door (no ticket at hand)."""
    access.require_host(actor, event, Role.VIEWER)
    return _arrive(actor, event, registration_id, None, device)


def _arrive(actor, event: Event, registration_id: int, scanned_at, device: str) -> Scan:
    now = timezone.now()
    scanned_at = min(scanned_at or now, now)  # a phone's clock ahead of ours is not believed
    registration = keyed.get(Registration, pk=registration_id, event_id=event.pk)
    if registration is None:
        raise ValidationError({"code": _("This ticket is for another event.")})
    registration.event = event  # spare the audit log a query
    if registration.status != Status.CONFIRMED:
        raise ValidationError(
            {"code": _("This registration is %(status)s; it has no place at the event.")
             % {"status": registration.get_status_display()}}
        )  # fmt: skip
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    arrival = CheckIn(
        registration=registration, event=event, scanned_at=scanned_at, device=device[:64], by=user
    )
    try:
        audit.create(arrival)  # its own savepoint, with its audit event
        return Scan("checked_in", registration, arrival)
    except IntegrityError:
        pass  # scanned already, here or on another phone: one arrival per ticket
    arrival = CheckIn.objects.get(registration=registration)
    arrival.event = event
    if scanned_at < arrival.scanned_at:  # an offline phone saw them first
        arrival.scanned_at = scanned_at
        arrival.save()
    return Scan("already", registration, arrival)


MAX_BATCH = 500


def sync_scans(actor, event: Event, scans: list[dict], device: str = "") -> list[dict]:
    """Scans a phone made offline, with their scan times. Each is recorded on its own, so a bad
    code in the batch does not lose the good ones; the reply says what became of each."""
    access.require_host(actor, event, Role.VIEWER)
    if len(scans) > MAX_BATCH:
        raise ValidationError({"scans": _("Send at most %(n)s scans at once.") % {"n": MAX_BATCH}})
    results = []
    for scan in scans:
        try:
            done = check_in(actor, event, scan["code"], scan.get("scanned_at"), device)
            results.append({"code": scan["code"], "result": done.result})
        except ValidationError as exc:
            results.append({"code": scan["code"], "result": "refused", "message": exc.messages[0]})
    return results


# --- feedback ---------------------------------------------------------------------------------


def give_feedback(event: Event, language: str, ratings: dict, comment: str = "") -> Feedback:
    """Anonymous: no link to the registration, so feedback stays apart from personal data."""
    if set(ratings) - set(FEEDBACK_QUESTIONS):
        raise ValidationError({"ratings": _("Unknown question.")})
    if any(not isinstance(v, int) or not 1 <= v <= 5 for v in ratings.values()):
        raise ValidationError({"ratings": _("Rate from 1 to 5.")})
    if not ratings:
        raise ValidationError({"ratings": _("Please rate at least one question.")})
    try:
        language = languages.normalise(language)
    except languages.UnknownLanguage as exc:
        raise ValidationError({"language": str(exc)}) from exc
    return Feedback.objects.create(
        event=event, language=language, ratings=ratings, comment=comment.strip()[:2000]
    )


# --- Japanese classes and other recurring programmes ------------------------------------------


@transaction.atomic
def add_session(actor, event: Event, title: dict, starts_at, ends_at, room="", capacity=None):
    """One part of the event's timetable (a sectional meeting), with its own capacity if any."""
    access.require_host(actor, event, Role.EDITOR)
    zone = _zone(event.timezone)
    session = Session(event=event, title=_texts("title", title, True), room=room.strip()[:200])
    session.starts_at, session.ends_at = _aware(starts_at, zone), _aware(ends_at, zone)
    if session.ends_at <= session.starts_at:
        raise ValidationError({"ends_at": _("The session ends before it starts.")})
    # To the minute: the event's start is shown, and typed again, without its seconds.
    event_start = event.starts_at.replace(second=0, microsecond=0)
    if session.starts_at < event_start or session.ends_at > event.ends_at:
        raise ValidationError(
            {"starts_at": _("A session must lie within the event's own time (%(from)s–%(to)s).")
             % {"from": _shown(event.starts_at, zone), "to": _shown(event.ends_at, zone)}}
        )  # fmt: skip
    if capacity is not None and not 0 <= capacity <= 1_000_000:
        raise ValidationError({"capacity": _("Give a whole number, zero or more.")})
    session.capacity = capacity
    session.save()
    return session


def _shown(value: datetime, zone: ZoneInfo) -> str:
    return timezone.localtime(value, zone).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def add_weekly_sessions(actor, event: Event, first_start: datetime, weeks: int, minutes: int):
    """Lessons on the same weekday and time, week after week, in the event's zone (so a lesson
    stays at 19:00 across a change of daylight-saving time abroad)."""
    access.require_host(actor, event, Role.EDITOR)
    if not 1 <= weeks <= 104 or not 15 <= minutes <= 600:
        raise ValidationError({"weeks": _("Between 1 and 104 weeks of 15 to 600 minutes.")})
    zone = ZoneInfo(event.timezone)
    local = timezone.localtime(_aware(first_start, zone), zone).replace(tzinfo=None)
    made = []
    for week in range(weeks):
        start = (local + timedelta(weeks=week)).replace(tzinfo=zone)
        made.append(
            Session(
                event=event,
                title={"ja": f"第{week + 1}回"},
                starts_at=start,
                ends_at=start + timedelta(minutes=minutes),
            )
        )
    made = Session.objects.bulk_create(made)
    audit.write_bulk(actor, made, AuditEvent.Action.CREATE)
    return made


@transaction.atomic
def add_learner(actor, event: Event, pseudonym: str, level: str, country=None) -> Learner:
    access.require_host(actor, event, Role.EDITOR)
    if level not in Learner.Level.values:
        raise ValidationError({"level": _("Choose a level.")})
    if not pseudonym.strip() or len(pseudonym.strip()) > 100:
        raise ValidationError({"pseudonym": _("Give a name or pseudonym of up to 100 characters.")})
    if event.learners.filter(pseudonym=pseudonym.strip()).exists():
        raise ValidationError({"pseudonym": _("This class already has a learner of this name.")})
    learner = Learner(event=event, pseudonym=pseudonym.strip(), level=level, country=country)
    learner.save()
    return learner


@transaction.atomic
def add_teacher(actor, event: Event, name: str, email="", volunteer=True, trained_on=None):
    access.require_host(actor, event, Role.EDITOR)
    if not name.strip() or len(name.strip()) > 200:
        raise ValidationError({"name": _("Give the teacher's name (up to 200 characters).")})
    if email.strip():
        try:
            validate_email(email.strip())
        except ValidationError as exc:
            raise ValidationError({"email": _("Please give a valid e-mail address.")}) from exc
    if trained_on is not None and trained_on > timezone.localdate():
        raise ValidationError({"trained_on": _("The training date cannot be in the future.")})
    teacher = Teacher(event=event, name=name.strip(), email=email.strip(), volunteer=volunteer)
    teacher.trained_on = trained_on
    teacher.save()
    return teacher


@transaction.atomic
def record_attendance(actor, session: Session, learner_ids) -> int:
    """The learners present at one lesson (replaces what was recorded for it)."""
    access.require_host(actor, session.event, Role.EDITOR)
    learner_ids = list(learner_ids)
    learners = list(session.event.learners.filter(pk__in=learner_ids))
    if len(learners) != len(set(learner_ids)):
        raise ValidationError({"learners": _("A learner given is not in this class.")})
    before = sorted(session.attendance.values_list("learner_id", flat=True))
    session.attendance.exclude(learner__in=learners).delete()
    Attendance.objects.bulk_create(
        [Attendance(session=session, learner=learner) for learner in learners],
        ignore_conflicts=True,
    )
    after = sorted(learner.pk for learner in learners)
    if after != before:  # the lesson's log: who was present, by the learners' ids
        with acting_as(actor):
            audit.write(session, AuditEvent.Action.UPDATE, {"attendance": [before, after]})
    return len(learners)


# --- mail -------------------------------------------------------------------------------------


def confirmation(registration: Registration, base_url: str = "") -> dict:
    """What the confirmation mail carries, built here so that sending is one call: subject and
    text in the registrant's language, the ticket's QR code as PNG and the event as .ics."""
    from glocal.events import calendars, words

    event = registration.event
    language = registration.language
    code = tickets.ticket_code(registration)
    cancel_url = f"{base_url}/events/cancel/{tickets.cancel_code(registration)}/"
    subject = words.get("mail_subject", language) % {"title": event.title_in(language)}
    body = words.get("mail_body", language) % {
        "name": registration.name,
        "title": event.title_in(language),
        "status": words.get(f"status_{registration.status}", language),
        "cancel_url": cancel_url,
    }
    return {
        "to": registration.email,
        "language": language,
        "subject": subject,
        "body": body,
        "attachments": [
            ("ticket.png", tickets.qr_png(code), "image/png"),
            ("event.ics", calendars.event_ics(event, language), "text/calendar"),
        ],
    }


def _send(registration: Registration, reason: str) -> None:
    """Hand `confirmation(registration)` (text, ticket PNG and .ics) to the platform's outbox in
    the caller's transaction, from the event's owner: for "registered" (a confirmation or a
    waiting-list notice) and "promoted" (moved from the waiting list); once per reason."""
    from django.conf import settings

    from glocal.delivery import services as delivery

    mail = confirmation(registration, settings.SITE_URL.rstrip("/"))
    delivery.send(
        registration.event.owner,
        delivery.Source(
            "events.registration",
            registration.pk,
            label=f"{registration.event.title_in('ja')} #{registration.pk}",
            purpose=reason,
            key=reason,
        ),
        recipients=[delivery.Recipient(mail["to"], mail["language"])],
        messages={
            mail["language"]: delivery.Message(
                mail["subject"],
                mail["body"],
                attachments=tuple(delivery.Attachment(*a) for a in mail["attachments"]),
            )
        },
    )
