"""Every write of the consultation desk, each in one transaction with its audit events.

API handlers, staff pages, the public form, the importer and the commands all call these.
Callers check who may act (`glocal.desk.access`) through the `actor` they pass.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal.desk import access, portal
from glocal.desk.models import (
    Appointment,
    CannedAnswer,
    Case,
    DeskMember,
    FormSubmission,
    Interpreter,
    Message,
    ReferralAgency,
    Resident,
    ReviewStatus,
    SupportGrant,
    Topic,
)
from glocal.desk.vocabulary import Channel, Status
from glocal.orgs import audit
from glocal.orgs.actors import Actor

MAX_MINUTES = 24 * 60


@dataclass
class CaseValues:
    """A case's fields, resolved (see `glocal.desk.resolve`)."""

    received_at: datetime
    channel: str
    language: str
    topics: list[Topic]
    interpretation: str = "none"
    nationality: object = None
    residence_status: str = ""
    municipality: object = None
    age_band: str = ""
    gender: str = ""
    summary: str = ""
    actions: str = ""
    referrals: list[ReferralAgency] = field(default_factory=list)
    status: str = Status.OPEN
    closed_on: date | None = None
    follow_up_on: date | None = None
    assignee: object = None
    minutes: int | None = None
    first_reply_at: datetime | None = None


@dataclass
class ResidentValues:
    name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    notes: str = ""

    def __bool__(self) -> bool:
        return any((self.name, self.email, self.phone, self.address, self.notes))

    def check(self) -> None:
        if self.email:
            try:
                validate_email(self.email)
            except ValidationError:
                raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def check_case(values: CaseValues, today: date | None = None) -> None:
    """The rules every case keeps, whoever writes it; raises ValidationError naming fields."""
    today = today or timezone.localdate()
    problems: dict[str, str] = {}
    received_on = local_day(values.received_at)
    if received_on > today:
        problems["received_at"] = _("A case cannot be received in the future.")
    if values.status == Status.CLOSED and values.closed_on is None:
        problems["closed_on"] = _("A closed case needs the day it was closed.")
    if values.closed_on is not None and values.closed_on < received_on:
        problems["closed_on"] = _("A case cannot close before it was received.")
    if values.closed_on is not None and values.closed_on > today:
        problems["closed_on"] = _("A case cannot close in the future.")
    if values.minutes is not None and not 0 <= values.minutes <= MAX_MINUTES:
        problems["minutes"] = _("Minutes spent must be between 0 and %(most)s.") % {
            "most": MAX_MINUTES
        }
    if not values.topics:
        problems["topics"] = _("Choose at least one topic.")
    if problems:
        raise ValidationError(problems)


def _apply(case: Case, values: CaseValues) -> None:
    for name in (
        "received_at", "channel", "language", "interpretation", "nationality",
        "residence_status", "municipality", "age_band", "gender", "summary", "actions",
        "status", "closed_on", "follow_up_on", "assignee", "minutes", "first_reply_at",
    ):  # fmt: skip
        setattr(case, name, getattr(values, name))
    case.received_on = local_day(values.received_at)
    case.received_month = case.received_on.replace(day=1)
    if values.status != Status.CLOSED:
        case.closed_on = None


@transaction.atomic
def open_case(
    actor: Actor,
    organisation,
    values: CaseValues,
    resident: ResidentValues | None = None,
    import_key: str = "",
) -> Case:
    access.require_desk(actor, organisation.pk)
    check_case(values)
    if resident:
        resident.check()
    case = Case(owner=organisation, import_key=import_key)
    _apply(case, values)
    case.save()
    audit.set_related(actor, case, "topics", values.topics)
    audit.set_related(actor, case, "referrals", values.referrals)
    if resident:
        Resident.objects.create(case=case, **resident.__dict__)
    return case


@transaction.atomic
def update_case(actor: Actor, case: Case, values: CaseValues) -> Case:
    access.require_desk(actor, case.owner_id)
    check_case(values)
    _apply(case, values)
    case.save()
    audit.set_related(actor, case, "topics", values.topics)
    audit.set_related(actor, case, "referrals", values.referrals)
    return case


# -- the resident's personal details --------------------------------------------------------------


def resident_details(actor: Actor, case: Case) -> Resident | None:
    """The resident's details, for someone at the desk; every call is written to the audit log."""
    access.require_desk(actor, case.owner_id)
    resident = Resident.objects.filter(case=case).first()
    if resident is not None:
        audit.record_read(resident)
    return resident


@transaction.atomic
def save_resident(actor: Actor, case: Case, values: ResidentValues) -> Resident:
    access.require_desk(actor, case.owner_id)
    values.check()
    resident = Resident.objects.filter(case=case).first() or Resident(case=case)
    for name, value in values.__dict__.items():
        setattr(resident, name, value)
    resident.save()
    return resident


def thread(actor: Actor, case: Case) -> list[Message]:
    """The messages exchanged with the resident (personal data: the read is audited)."""
    access.require_desk(actor, case.owner_id)
    messages = list(case.messages.all())
    for message in messages:
        audit.record_read(message)
    return messages


def _erase(case: Case, now: datetime) -> None:
    """Delete who the resident is and what was written, keep the case's statistics."""
    for resident in Resident.objects.filter(case=case):
        resident.delete()
    for message in case.messages.all():
        message.delete()
    case.summary = case.actions = ""
    case.anonymised_at = now
    case.save()


@transaction.atomic
def erase_case_details(actor: Actor, case: Case) -> None:
    access.require_desk(actor, case.owner_id)
    _erase(case, timezone.now())


def _cases_of_resident(organisation_id: int, email: str):
    return Case.objects.filter(owner_id=organisation_id, resident__email__iexact=email.strip())


def subject_access(actor: Actor, organisation, email: str) -> list[dict]:
    """A resident's request to see their data: every case of this desk where they left this
    address, with their details and the thread. Each read is audited."""
    access.require_desk(actor, organisation.pk)
    found = []
    for case in _cases_of_resident(organisation.pk, email).prefetch_related("topics"):
        resident = resident_details(actor, case)
        found.append(
            {
                "case": case.pk,
                "received_on": case.received_on.isoformat(),
                "topics": [topic.name for topic in case.topics.all()],
                "summary": case.summary,
                "actions": case.actions,
                "name": resident.name,
                "email": resident.email,
                "phone": resident.phone,
                "address": resident.address,
                "messages": [
                    {"direction": m.direction, "at": m.at.isoformat(), "body": m.body}
                    for m in thread(actor, case)
                ],
            }
        )
    return found


@transaction.atomic
def erase_resident(actor: Actor, organisation, email: str) -> int:
    """A resident's request to erase their data: one action over every case with their
    address. Returns how many cases were anonymised."""
    access.require_desk(actor, organisation.pk)
    now = timezone.now()
    cases = list(_cases_of_resident(organisation.pk, email))
    for case in cases:
        _erase(case, now)
    return len(cases)


def retention_cutoff(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def purge(now: datetime | None = None, years: int | None = None) -> int:
    """Erase the personal details of cases closed more than `years` (setting
    DESK_RETENTION_YEARS, default 3) ago; forget public-form addresses after a day.
    Returns the number of cases anonymised. Each case is its own transaction."""
    now = now or timezone.now()
    years = settings.DESK_RETENTION_YEARS if years is None else years
    cutoff = retention_cutoff(timezone.localtime(now).date(), years)
    due = Case.objects.filter(
        status=Status.CLOSED, closed_on__lt=cutoff, anonymised_at__isnull=True
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            _erase(Case.objects.select_for_update().get(pk=pk), now)
        count += 1
    FormSubmission.objects.filter(at__lt=now - timedelta(days=1)).delete()
    return count


# -- replies -----------------------------------------------------------------------------------


def answer_text(answer: CannedAnswer, language: str):
    """The canned answer in the resident's language, else the nearest: its primary language,
    then Easy Japanese, then English, then Japanese."""
    texts = {text.language: text for text in answer.texts.all()}
    for tag in (language, language.split("-")[0], "ja-x-easy", "en", "ja"):
        if tag in texts:
            return texts[tag]
    return next(iter(texts.values()), None)


@transaction.atomic
def reply(
    actor: Actor,
    case: Case,
    body: str = "",
    answer: CannedAnswer | None = None,
    language: str | None = None,
) -> Message:
    """Record a reply to the resident in their language and queue it for e-mail. The body is
    the canned answer's text in that language when no body is given."""
    access.require_desk(actor, case.owner_id)
    language = language or case.language
    subject = _("Reply from the consultation desk")
    if answer is not None:
        if answer.owner_id != case.owner_id:
            raise ValidationError({"answer": _("Unknown canned answer.")})
        text = answer_text(answer, language)
        if text is not None:
            body, subject, language = body or text.body, text.subject, text.language
    if not body.strip():
        raise ValidationError({"body": _("Write the reply or choose a canned answer.")})
    resident = Resident.objects.filter(case=case).first()
    address = resident.email if resident else ""
    message = Message.objects.create(
        case=case,
        direction=Message.Direction.OUT,
        language=language,
        address=address,
        body=body,
        answer=answer,
        delivery=Message.Delivery.QUEUED,
        author=actor.user if getattr(actor.user, "is_authenticated", False) else None,
    )
    if case.first_reply_at is None:
        case.first_reply_at = timezone.now()
        case.save()
    if address:
        _send(case.owner, message, "reply", subject, body)
    return message


def _send(organisation, message: Message, purpose: str, subject: str, body: str) -> None:
    """Hand one e-mail to the resident, at the message's address and in its language, to the
    platform's outbox in the caller's transaction (it goes out after the commit, once per
    message and purpose). A reply is then "handed to the outbox"."""
    from glocal.delivery import services as delivery

    delivery.send(
        organisation,
        delivery.Source(
            "desk.message",
            message.pk,
            label=f"Case #{message.case_id}",
            purpose=purpose,
            key=purpose,
        ),
        recipients=[delivery.Recipient(message.address, message.language)],
        messages={message.language: delivery.Message(subject, body)},
    )
    if message.direction == Message.Direction.OUT:
        message.delivery = Message.Delivery.SENT
        message.save(update_fields=["delivery"])


def _confirmation(organisation, case: Case, received: Message) -> tuple[str, str]:
    """The public form's confirmation in the reader's language: the case number and a copy of
    what they wrote."""
    words = portal.words(received.language)
    name = (
        organisation.name
        if received.language.startswith("ja")
        else (organisation.name_en or organisation.name)
    )
    subject = f"{words['desk']}: {name}"
    body = f"{words['thanks'] % {'number': case.pk}}\n\n> " + received.body.replace("\n", "\n> ")
    return subject, body


# -- the public form ----------------------------------------------------------------------------


class Flooded(Exception):
    """Too many messages from one address within the hour."""


def address_hash(address: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "-").encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def receive_public_request(
    organisation, topic: Topic, language: str, message: str, contact: ResidentValues, address: str
) -> Case:
    """A resident's question from the public form opens a case at the organisation's desk."""
    since = timezone.now() - timedelta(hours=1)
    digest = address_hash(address)
    if (
        FormSubmission.objects.filter(address_hash=digest, at__gte=since).count()
        >= settings.DESK_FORM_PER_HOUR
    ):
        raise Flooded()
    FormSubmission.objects.create(address_hash=digest)
    now = timezone.now()
    case = Case(
        owner=organisation, received_at=now, received_on=local_day(now),
        received_month=local_day(now).replace(day=1), channel=Channel.WEB,
        language=language, status=Status.OPEN,
    )  # fmt: skip
    case.save()
    case.topics.set([topic])
    if contact:
        Resident.objects.create(case=case, **contact.__dict__)
    received = Message.objects.create(
        case=case, direction=Message.Direction.IN, language=language, address=contact.email,
        body=message, delivery=Message.Delivery.RECEIVED,
    )  # fmt: skip
    if contact.email:  # the confirmation, in the reader's language
        _send(organisation, received, "confirmation", *_confirmation(organisation, case, received))
    return case


# -- roster, support access, taxonomy, answers, interpreters ------------------------------------


@transaction.atomic
def set_desk_role(actor: Actor, organisation, user, role: str | None) -> DeskMember | None:
    """Give a member of the organisation a desk role, change it, or (role None) take it away."""
    if not access.may_manage_roster(actor, organisation.pk):
        raise access.PermissionDenied(_("This needs the desk administrator's role."))
    if role is not None and not user.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"user": _("Only members of the organisation work at its desk.")})
    found = DeskMember.objects.filter(organisation=organisation, user=user).first()
    if role is None:
        if found is not None:
            found.delete()
        return None
    found = found or DeskMember(organisation=organisation, user=user)
    found.role = role
    found.save()
    return found


MAX_SUPPORT_HOURS = 72


@transaction.atomic
def grant_support(actor: Actor, organisation, user, reason: str, hours: int) -> SupportGrant:
    """The desk administrator lets one platform staff member read the desk for a while."""
    access.require_desk_admin(actor, organisation.pk)
    if not (user.is_staff or user.is_superuser):
        raise ValidationError({"user": _("Support access is for platform staff.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why support needs to see the cases.")})
    if not 1 <= hours <= MAX_SUPPORT_HOURS:
        raise ValidationError(
            {"hours": _("Between 1 and %(most)s hours.") % {"most": MAX_SUPPORT_HOURS}}
        )
    return SupportGrant.objects.create(
        organisation=organisation, user=user, reason=reason.strip(), granted_by=actor.user,
        expires_at=timezone.now() + timedelta(hours=hours),
    )  # fmt: skip


@transaction.atomic
def revoke_support(actor: Actor, grant: SupportGrant) -> None:
    access.require_desk_admin(actor, grant.organisation_id)
    grant.revoked_at = timezone.now()
    grant.save()


@transaction.atomic
def add_topic(actor: Actor, organisation, code: str, name: str, name_en: str) -> Topic:
    """An organisation's own topic, beside the platform's defaults. Its code and names must not
    be those of a default or of another of its topics: imports and the API find topics by them."""
    access.require_desk_admin(actor, organisation.pk)
    code, name, name_en = code.strip(), name.strip(), name_en.strip()
    problems = {}
    if not re.fullmatch(r"[a-z0-9_-]{1,40}", code):
        problems["code"] = _("Use lower-case letters, digits, - and _ (at most 40).")
    if not name or not name_en:
        problems["name"] = _("Give the topic's Japanese and English names.")
    taken = Topic.objects.filter(Q(owner=None) | Q(owner=organisation)).filter(
        Q(code=code) | Q(name=name) | Q(name_en__iexact=name_en)
    )
    if not problems and taken.exists():
        problems["code"] = _("A topic with this code or name exists already.")
    if problems:
        raise ValidationError(problems)
    return Topic.objects.create(
        owner=organisation, code=code, name=name[:80], name_en=name_en[:80], position=1000
    )


@transaction.atomic
def add_referral_agency(
    actor: Actor, organisation, name: str, kind: str = "", contact: str = ""
) -> ReferralAgency:
    """Add an agency to the desk's directory, or (same name) change its kind and contact."""
    access.require_desk(actor, organisation.pk)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the agency's name.")})
    found, _created = ReferralAgency.objects.update_or_create(
        owner=organisation, name=name[:200],
        defaults={"kind": kind.strip()[:80], "contact": contact.strip()[:300]},
    )  # fmt: skip
    return found


@transaction.atomic
def save_canned_answer(
    actor: Actor, organisation, key: str, title: str, texts: dict, topic: Topic | None = None
) -> CannedAnswer:
    """`texts`: language tag → (subject, body, review status)."""
    access.require_desk(actor, organisation.pk)
    if not re.fullmatch(r"[-a-zA-Z0-9_]{1,80}", key) or not title.strip():
        raise ValidationError({"key": _("Give a key (letters, digits, - and _) and a title.")})
    if topic is not None and topic.owner_id not in (None, organisation.pk):
        raise ValidationError({"topic": _("Unknown topic.")})
    for subject, body, status in texts.values():
        if status not in ReviewStatus.values:
            raise ValidationError({"status": _("Unknown review status.")})
        if not subject.strip() or not body.strip():
            raise ValidationError({"body": _("Give the subject and the text.")})
    answer, _created = CannedAnswer.objects.update_or_create(
        owner=organisation, key=key, defaults={"title": title, "topic": topic}
    )
    for language, (subject, body, status) in texts.items():
        answer.texts.update_or_create(
            language=language, defaults={"subject": subject, "body": body, "status": status}
        )
    return answer


@transaction.atomic
def add_interpreter(
    actor: Actor, organisation, name: str, languages: list[str], availability: str = ""
) -> Interpreter:
    access.require_desk(actor, organisation.pk)
    if not name.strip() or not languages:
        raise ValidationError({"name": _("Give the interpreter's name and languages.")})
    return Interpreter.objects.create(
        owner=organisation, name=name, languages=",".join(languages), availability=availability
    )


@transaction.atomic
def book_interpreter(
    actor: Actor, case: Case, interpreter: Interpreter, starts_at: datetime, ends_at: datetime
) -> Appointment:
    """Book an interpreter for a case; refuses a time the interpreter is already booked."""
    access.require_desk(actor, case.owner_id)
    if interpreter.owner_id != case.owner_id:
        raise ValidationError({"interpreter": _("Unknown interpreter.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("An appointment ends after it starts.")})
    # The interpreter's row is the lock: two bookings for them are checked one after the other.
    Interpreter.objects.select_for_update().get(pk=interpreter.pk)
    clash = interpreter.appointments.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if clash is not None:
        raise ValidationError(
            {"starts_at": _("%(name)s is already booked from %(start)s to %(end)s.")
             % {"name": interpreter.name,
                "start": timezone.localtime(clash.starts_at).strftime("%Y-%m-%d %H:%M"),
                "end": timezone.localtime(clash.ends_at).strftime("%H:%M")}}
        )  # fmt: skip
    return Appointment.objects.create(
        interpreter=interpreter, case=case, starts_at=starts_at, ends_at=ends_at,
        language=case.language,
    )  # fmt: skip
