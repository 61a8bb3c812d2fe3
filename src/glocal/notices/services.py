"""Writing notices: create, revise, approve, publish, cancel. Pages and the API both call these.

A version is the whole of what residents are told: the texts and the category, severity, area
and validity. Every change makes a new version; a published notice stays as residents know it
(texts and all) until the new version is published, and publishing copies the version's
category, severity, area and validity onto the notice, which is what the portal, feeds, CAP and
mail read.

Two-person approval (per organisation, on by default): a version is approved by a signed-in
person who did not write it, and only approved versions are published. API tokens may write
versions but not approve them: a token does not say which person uses it, so "someone else"
could not be told apart from the author. A version written through a token also counts as
written by the person who issued the token. Publishing what is already published changes
nothing.
"""

from types import SimpleNamespace

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


def _body(tag: str, content: dict) -> str:
    body = (content.get("body") or "").strip()
    if len(body) > NoticeText.MAX_BODY:
        raise ValidationError(
            {
                f"texts.{tag}.body": _("A text may have at most %(limit)s characters.")
                % {"limit": f"{NoticeText.MAX_BODY:,}"}
            }
        )
    return body


def _staff_texts(actor: Actor, texts: dict) -> list[NoticeText]:
    made = []
    for tag, content in texts.items():
        try:
            language = languages.get(tag)
        except languages.UnknownLanguage as exc:
            raise ValidationError({f"texts.{tag}": str(exc)}) from exc
        title = (content.get("title") or "").strip()
        body = _body(language.tag, content)
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


# What a version says besides its texts; residents see the published version's.
METADATA = ("category", "severity", "valid_from", "valid_until")


def _composed_rows(actor: Actor, notice: Notice, phrases, slots, texts):
    """The texts of a new version, with its phrases and slots."""
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
        return rows, composition.phrases, composition.slots
    return _staff_texts(actor, texts or {}), [], {}


def _copied_rows(version: NoticeVersion):
    """The texts of `version` unchanged, for a new version that changes only its metadata."""
    rows = [
        NoticeText(
            language=t.language,
            title=t.title,
            body=t.body,
            origin=t.origin,
            review_status=t.review_status,
        )
        for t in version.texts.all()
    ]
    return rows, version.phrases, version.slots


def _add_version(actor: Actor, notice: Notice, meta: dict, area, rows, phrases, slots):
    """A new current version of `notice`: `meta` (METADATA), `area` (prefecture,
    municipalities) and its texts."""
    if not any(row.language == languages.JAPANESE for row in rows):
        raise ValidationError({"texts.ja": _("A notice needs its Japanese text.")})
    prefecture, municipalities = area
    number = (notice.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = NoticeVersion(
        notice=notice,
        number=number,
        created_by=actor.user
        if actor.token is None and getattr(actor.user, "is_authenticated", False)
        else None,
        created_by_token=actor.token,
        author=actor.label,
        phrases=phrases,
        slots=slots,
        prefecture=prefecture,
        **meta,
    )
    version.full_clean(exclude=["notice", "created_by", "created_by_token"])
    version.save()
    version.municipalities.set(municipalities)
    for row in rows:
        row.version = version
    NoticeText.objects.bulk_create(rows)
    notice.current_version = version
    return version


def _show(notice: Notice, version: NoticeVersion) -> None:
    """Make `version`'s category, severity, area and validity the notice's: what residents see."""
    for field in METADATA:
        setattr(notice, field, getattr(version, field))
    notice.prefecture_id = version.prefecture_id
    notice.municipalities.set(version.municipalities.all())


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
    meta = {field: getattr(notice, field) for field in METADATA}
    rows, phrases, slots = _composed_rows(
        actor, notice, data.get("phrases"), data.get("slots"), data.get("texts")
    )
    _add_version(actor, notice, meta, (prefecture, municipalities), rows, phrases, slots)
    notice.save(update_fields=["current_version"])
    return notice


def _check_dates(dated) -> None:
    if dated.valid_until and dated.valid_until <= dated.valid_from:
        raise ValidationError({"valid_until": _("The end must come after the start.")})


def _unchanged(version: NoticeVersion, meta: dict, area) -> bool:
    prefecture, municipalities = area
    return (
        all(getattr(version, field) == meta[field] for field in METADATA)
        and version.prefecture_id == prefecture.pk
        and {m.pk for m in version.municipalities.all()} == {m.pk for m in municipalities}
    )


@transaction.atomic
def revise_notice(actor: Actor, notice: Notice, data: dict) -> Notice:
    """A new version with what `data` changes (texts, phrases, category, severity, area,
    validity) and the rest of the current version. It is a draft: a published notice stays up
    as it was, metadata included, until the new version is approved and published. Asking for
    no change makes no version."""
    scoping.require(actor, notice.owner_id, Role.EDITOR)
    if notice.status == Status.CANCELLED:
        raise ValidationError(_("A cancelled notice cannot be changed."))
    base = notice.current_version
    meta = {field: data[field] if field in data else getattr(base, field) for field in METADATA}
    _check_dates(SimpleNamespace(**meta))
    area = (base.prefecture, list(base.municipalities.all()))
    if "prefecture" in data or "municipalities" in data:
        area = _area(
            data.get("prefecture", base.prefecture.code),
            data.get("municipalities", [m.code for m in area[1]]),
        )
        _require_area(actor, notice.owner, *area)
    new_texts = bool(data.get("phrases") or data.get("texts"))
    if not new_texts and _unchanged(base, meta, area):
        return notice
    if new_texts:
        rows, phrases, slots = _composed_rows(
            actor, notice, data.get("phrases"), data.get("slots"), data.get("texts")
        )
    else:
        rows, phrases, slots = _copied_rows(base)
    version = _add_version(actor, notice, meta, area, rows, phrases, slots)
    if notice.published_version_id is None:  # nobody outside sees it yet: show the draft's
        _show(notice, version)
    notice.status = Status.DRAFT
    notice.approved_by = None
    notice.full_clean(exclude=["current_version", "published_version"])
    notice.save()
    return notice


def _require_version_area(actor: Actor, notice: Notice) -> None:
    """The area the current version would be published to must be the owner's to notify."""
    version = notice.current_version
    _require_area(actor, notice.owner, version.prefecture, list(version.municipalities.all()))


def wrote(actor: Actor, version: NoticeVersion) -> bool:
    """Whether `actor` counts as an author of `version` for the two-person rule: the person who
    wrote it, or who issued the token it came through; a token counts as the author of what it
    wrote. Identities are compared, not labels."""
    if actor.token is not None:
        return version.created_by_token_id == actor.token.pk
    user_id = getattr(actor.user, "pk", None)
    if user_id is None:
        return False
    if version.created_by_id == user_id:
        return True
    token = version.created_by_token
    return token is not None and token.created_by_id == user_id


def _require_second_person(actor: Actor, version: NoticeVersion) -> None:
    if actor.token is not None or not getattr(actor.user, "is_authenticated", False):
        raise PermissionDenied(
            _("Two-person approval: a version is approved by a signed-in person, not a token.")
        )
    if wrote(actor, version):
        raise PermissionDenied(
            _("Two-person approval: someone other than the author of this version must approve it.")
        )


@transaction.atomic
def approve_notice(actor: Actor, notice: Notice) -> Notice:
    scoping.require(actor, notice.owner_id, Role.EDITOR)
    _require_version_area(actor, notice)
    if notice.status != Status.DRAFT:
        raise ValidationError(
            _("Only a draft can be approved; this notice is %(status)s.")
            % {"status": notice.get_status_display()}
        )
    if policy_for(notice.owner_id).two_person_approval:
        _require_second_person(actor, notice.current_version)
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
    _require_version_area(actor, notice)
    if policy_for(notice.owner_id).two_person_approval and notice.status != Status.APPROVED:
        raise ValidationError(_("Two-person approval: this version must be approved first."))
    if notice.current_version.text(languages.JAPANESE) is None:
        raise ValidationError({"texts.ja": _("A notice needs its Japanese text.")})
    now = timezone.now()
    kind = "update" if notice.first_published_at else "alert"
    _show(notice, notice.current_version)
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
