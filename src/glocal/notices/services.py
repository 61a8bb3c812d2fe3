"""Writing notices: create, revise, approve, publish, cancel. Pages and the API both call these.

Two-person approval (per organisation, on by default): a version is approved by someone other
than its author, and only approved versions are published. Publishing what is already published
changes nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal import languages
from glocal.notices import mailing
from glocal.notices.compose import compose
from glocal.notices.models import (
    Notice,
    NoticePolicy,
    NoticeText,
    NoticeVersion,
    ReviewStatus,
)
from glocal.orgs import scoping
from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation, Role
from glocal.places import services as places
from glocal.places.models import LocalGovernment

Status = Notice.Status


def policy_for(organisation_id: int) -> NoticePolicy:
    policy, _created = NoticePolicy.objects.get_or_create(organisation_id=organisation_id)
    return policy


def _area(prefecture_code: str, municipality_codes: list[str]):
    try:
        prefecture = places.local_government_by_code(prefecture_code)
    except Exception as exc:  # ValidationError or Http404: both are the user's to fix
        raise ValidationError({"prefecture": _("No prefecture has this code.")}) from exc
    if not prefecture.is_prefecture:
        raise ValidationError(
            {"prefecture": _("%(name)s is not a prefecture.") % {"name": prefecture.name}}
        )
    municipalities = []
    for code in municipality_codes or []:
        try:
            place = places.local_government_by_code(code)
        except Exception as exc:
            raise ValidationError(
                {"municipalities": _("No local government has the code %(code)s.") % {"code": code}}
            ) from exc
        if place.prefecture_id != prefecture.pk:
            raise ValidationError(
                {
                    "municipalities": _("%(name)s is not in %(prefecture)s.")
                    % {"name": place.name, "prefecture": prefecture.name}
                }
            )
        municipalities.append(place)
    return prefecture, municipalities


def _require_area(actor: Actor, owner, prefecture, municipalities) -> None:
    """The owning organisation must act for the notice's area (glocal.orgs.scoping): each of its
    municipalities, or for a notice to the whole prefecture, the prefecture. Refused on the
    field `area`, naming the place, so that the API and the staff form say the same."""
    for place in municipalities or [prefecture]:
        try:
            scoping.require_place(actor, owner, place)
        except PermissionDenied as refusal:
            raise ValidationError({"area": str(refusal)}) from refusal


def _require_notice_area(actor: Actor, notice: Notice) -> None:
    _require_area(actor, notice.owner, notice.prefecture, list(notice.municipalities.all()))


def _staff_texts(actor: Actor, texts: dict) -> list[NoticeText]:
    made = []
    for tag, content in texts.items():
        try:
            language = languages.get(tag)
        except languages.UnknownLanguage as exc:
            raise ValidationError({f"texts.{tag}": str(exc)}) from exc
        title = (content.get("title") or "").strip()
        body = (content.get("body") or "").strip()
        if not title:
            raise ValidationError({f"texts.{tag}.title": _("A title is needed.")})
        # The Japanese original is the author's own text; translations wait for a reviewer.
        status = (
            ReviewStatus.REVIEWED if language.tag == languages.JAPANESE else ReviewStatus.UNREVIEWED
        )
        made.append(
            NoticeText(
                language=language.tag,
                title=title,
                body=body,
                origin=NoticeText.Origin.STAFF,
                review_status=status,
            )
        )
    return made


def _add_version(actor: Actor, notice: Notice, phrases=None, slots=None, texts=None):
    if phrases:
        composition = compose(phrases, slots or {}, notice.owner_id)
        rows = [
            NoticeText(
                language=tag,
                title=text.title,
                body=text.body,
                origin=NoticeText.Origin.PHRASES,
                review_status=text.review_status,
            )
            for tag, text in composition.texts.items()
        ]
        phrases, slots = composition.phrases, composition.slots
    else:
        rows = _staff_texts(actor, texts or {})
        phrases, slots = [], {}
    if not any(row.language == languages.JAPANESE for row in rows):
        raise ValidationError({"texts.ja": _("A notice needs its Japanese text.")})
    number = (notice.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = NoticeVersion.objects.create(
        notice=notice,
        number=number,
        created_by=actor.user if getattr(actor.user, "is_authenticated", False) else None,
        author=actor.label,
        phrases=phrases,
        slots=slots,
    )
    for row in rows:
        row.version = version
    NoticeText.objects.bulk_create(rows)
    notice.current_version = version
    return version


@transaction.atomic
def create_notice(actor: Actor, data: dict) -> Notice:
    """data: owner_id, category, severity, prefecture (code), municipalities (codes),
    valid_from, valid_until, and either phrases + slots or texts {tag: {title, body}}."""
    scoping.require(actor, data["owner_id"], Role.EDITOR)
    prefecture, municipalities = _area(data["prefecture"], data.get("municipalities"))
    owner = Organisation.objects.select_related("local_government").get(pk=data["owner_id"])
    _require_area(actor, owner, prefecture, municipalities)
    notice = Notice(
        owner_id=data["owner_id"],
        category=data["category"],
        severity=data["severity"],
        prefecture=prefecture,
        valid_from=data.get("valid_from") or timezone.now(),
        valid_until=data.get("valid_until"),
    )
    _check_dates(notice)
    notice.full_clean(exclude=["current_version", "published_version"])
    notice.save()
    notice.municipalities.set(municipalities)
    _add_version(actor, notice, data.get("phrases"), data.get("slots"), data.get("texts"))
    notice.save(update_fields=["current_version"])
    return notice


def _check_dates(notice: Notice) -> None:
    if notice.valid_until and notice.valid_until <= notice.valid_from:
        raise ValidationError({"valid_until": _("The end must come after the start.")})


@transaction.atomic
def revise_notice(actor: Actor, notice: Notice, data: dict) -> Notice:
    """A new version (and any changed fields). A published notice stays up as it was until the
    new version is published."""
    scoping.require(actor, notice.owner_id, Role.EDITOR)
    if notice.status == Status.CANCELLED:
        raise ValidationError(_("A cancelled notice cannot be changed."))
    for field in ("category", "severity", "valid_from", "valid_until"):
        if field in data:
            setattr(notice, field, data[field])
    _check_dates(notice)
    if "prefecture" in data or "municipalities" in data:
        prefecture, municipalities = _area(
            data.get("prefecture", notice.prefecture.code),
            data.get("municipalities", [m.code for m in notice.municipalities.all()]),
        )
        _require_area(actor, notice.owner, prefecture, municipalities)
        notice.prefecture = prefecture
        notice.municipalities.set(municipalities)
    if data.get("phrases") or data.get("texts"):
        _add_version(actor, notice, data.get("phrases"), data.get("slots"), data.get("texts"))
        notice.status = Status.DRAFT
        notice.approved_by = None
    notice.full_clean(exclude=["current_version", "published_version"])
    notice.save()
    return notice


@transaction.atomic
def approve_notice(actor: Actor, notice: Notice) -> Notice:
    scoping.require(actor, notice.owner_id, Role.EDITOR)
    _require_notice_area(actor, notice)
    if notice.status != Status.DRAFT:
        raise ValidationError(
            _("Only a draft can be approved; this notice is %(status)s.")
            % {"status": notice.get_status_display()}
        )
    if (
        policy_for(notice.owner_id).two_person_approval
        and notice.current_version.author == actor.label
    ):
        raise PermissionDenied(
            _("Two-person approval: someone other than the author of this version must approve it.")
        )
    notice.status = Status.APPROVED
    notice.approved_by = actor.user if getattr(actor.user, "is_authenticated", False) else None
    notice.save(update_fields=["status", "approved_by"])
    return notice


@transaction.atomic
def publish_notice(actor: Actor, notice: Notice) -> Notice:
    scoping.require(actor, notice.owner_id, Role.EDITOR)
    if (
        notice.status == Status.PUBLISHED
        and notice.published_version_id == notice.current_version_id
    ):
        return notice  # already out: publishing again changes nothing
    if notice.status == Status.CANCELLED:
        raise ValidationError(_("A cancelled notice cannot be published."))
    _require_notice_area(actor, notice)
    if policy_for(notice.owner_id).two_person_approval and notice.status != Status.APPROVED:
        raise ValidationError(_("Two-person approval: this version must be approved first."))
    if notice.current_version.text(languages.JAPANESE) is None:
        raise ValidationError({"texts.ja": _("A notice needs its Japanese text.")})
    now = timezone.now()
    kind = "update" if notice.first_published_at else "alert"
    notice.status = Status.PUBLISHED
    notice.published_version = notice.current_version
    notice.published_at = now
    notice.first_published_at = notice.first_published_at or now
    notice.is_public = True
    notice.save()
    mailing.deliver(notice, kind)  # to subscribers, after the commit
    return notice


@transaction.atomic
def cancel_notice(actor: Actor, notice: Notice) -> Notice:
    scoping.require(actor, notice.owner_id, Role.EDITOR)
    if notice.status == Status.CANCELLED:
        return notice
    notice.status = Status.CANCELLED
    notice.cancelled_at = timezone.now()
    notice.save(update_fields=["status", "cancelled_at"])
    if notice.published_version_id:  # residents were told; tell them it is off
        mailing.deliver(notice, "cancel")
    return notice


@transaction.atomic
def delete_notice(actor: Actor, notice: Notice) -> None:
    scoping.require(actor, notice.owner_id, Role.EDITOR)
    if notice.first_published_at:
        raise ValidationError(_("A notice that was published is cancelled, not deleted."))
    notice.delete()


def public_notices(area: LocalGovernment | None = None, now=None):
    """Published, not cancelled, in force now; for a municipality, its own notices and those
    for its whole prefecture."""
    now = now or timezone.now()
    notices = (
        Notice.objects.filter(published_version__isnull=False, valid_from__lte=now)
        .exclude(status=Status.CANCELLED)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=now))
    )
    if area is not None:
        if area.is_prefecture:
            notices = notices.filter(prefecture=area)
        else:
            whole = Q(prefecture_id=area.prefecture_id, municipalities=None)
            notices = notices.filter(whole | Q(municipalities=area))
    return notices.select_related("owner", "prefecture").distinct()
