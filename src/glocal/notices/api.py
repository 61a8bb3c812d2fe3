"""/api/v1/notices: the phrase library and published notices (public), and staff writing."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from glocal.api.auth import OptionalActor, RequireActor, actor_of
from glocal.api.limits import Code, PathId, RecordId
from glocal.api.pagination import Paginated
from glocal.notices import cap, services
from glocal.notices.compose import compose
from glocal.notices.models import Category, Notice, PhraseTemplate
from glocal.notices.schemas import (
    ComposeIn,
    ComposeOut,
    NoticeIn,
    NoticeOut,
    NoticePatch,
    PhraseOut,
)
from glocal.orgs import scoping
from glocal.orgs.models import Role
from glocal.places import services as places

router = Router(tags=["notices"])


def _phrase(template: PhraseTemplate) -> dict:
    return {
        "key": template.key,
        "category": template.category,
        "description": template.description,
        "slots": template.slots,
        "translations": {
            t.language: {"text": t.text, "review_status": t.review_status}
            for t in template.translations.all()
        },
    }


class PhraseFilter(Schema):
    category: Category | None = None


@router.get("/notices/phrases", response=list[PhraseOut], auth=None)
@paginate(Paginated)
def list_phrases(request, filters: Query[PhraseFilter]):
    """The phrase library: every standard message in every content language, with its slots
    and each translation's review status."""
    templates = PhraseTemplate.objects.prefetch_related("translations")
    if filters.category:
        templates = templates.filter(category=filters.category)
    return [_phrase(t) for t in templates]


@router.post("/notices/compose", response=ComposeOut, auth=OptionalActor())
def compose_texts(request, payload: ComposeIn):
    """Template keys and slot values in, the notice text in every language out."""
    owner_id = None
    if payload.organisation is not None:
        scoping.require(actor_of(request), payload.organisation, Role.VIEWER)
        owner_id = payload.organisation
    composition = compose(payload.phrases, payload.slots, owner_id)
    return {
        "phrases": composition.phrases,
        "slots": composition.slots,
        "texts": {
            tag: {"title": t.title, "body": t.body, "review_status": t.review_status}
            for tag, t in composition.texts.items()
        },
    }


def _out(notice: Notice, actor) -> dict:
    """Members see the version being worked on, its category, severity, area and validity
    included; everyone else the published one (the notice's own fields)."""
    member = actor.has_role(notice.owner_id, Role.VIEWER) or actor.is_superuser
    version = notice.current_version if member else notice.published_version
    shown = version if member and version is not None else notice
    texts = {}
    if version is not None:
        texts = {
            t.language: {
                "title": t.title,
                "body": t.body,
                "review_status": t.review_status,
                "origin": t.origin,
            }
            for t in version.texts.all()
        }
    return {
        "id": notice.pk,
        "organisation": notice.owner,
        "category": shown.category,
        "severity": shown.severity,
        "status": notice.status,
        "prefecture": shown.prefecture,
        "municipalities": list(shown.municipalities.all()),
        "valid_from": shown.valid_from,
        "valid_until": shown.valid_until,
        "first_published_at": notice.first_published_at,
        "published_at": notice.published_at,
        "version": version.number if version else None,
        "texts": texts,
    }


class NoticeFilter(Schema):
    status: Notice.Status | None = None
    area: Code | None = None
    organisation: RecordId | None = None


def _visible(request):
    notices = Notice.objects.select_related(
        "owner", "prefecture", "current_version__prefecture", "published_version"
    ).prefetch_related(
        "municipalities",
        "current_version__texts",
        "current_version__municipalities",
        "published_version__texts",
    )
    return scoping.visible(notices, actor_of(request))


@router.get("/notices", response=list[NoticeOut], auth=OptionalActor())
@paginate(Paginated)
def list_notices(request, filters: Query[NoticeFilter]):
    """Published notices are public; staff also see their organisations' drafts. `area` takes a
    prefecture or municipality code (a municipality also gets its prefecture's notices)."""
    actor = actor_of(request)
    notices = _visible(request)
    if filters.status == Notice.Status.PUBLISHED:
        ids = services.public_notices().values("pk")
        notices = notices.filter(pk__in=ids)
    elif filters.status:
        notices = notices.filter(status=filters.status)
    if filters.area:
        area = places.local_government_by_code(filters.area)
        notices = (
            notices.filter(pk__in=services.public_notices(area).values("pk"))
            if (filters.status == Notice.Status.PUBLISHED)
            else notices.filter(prefecture_id=area.prefecture_id or area.pk)
        )
    if filters.organisation:
        notices = notices.filter(owner_id=filters.organisation)
    return [_out(n, actor) for n in notices]


def _notice(request, notice_id: PathId) -> Notice:
    return get_object_or_404(_visible(request), pk=notice_id)


@router.get("/notices/{notice_id}/cap", auth=None, url_name="notice_cap")
def notice_cap(request, notice_id: PathId):
    """The CAP 1.2 document of a published notice: one <info> per language; msgType Alert,
    Update or Cancel following its history."""
    notice = get_object_or_404(
        Notice.objects.filter(published_version__isnull=False).select_related(
            "owner", "prefecture", "published_version"
        ),
        pk=notice_id,
    )
    return HttpResponse(cap.document(notice), content_type="application/cap+xml; charset=utf-8")


@router.get("/notices/{notice_id}", response=NoticeOut, auth=OptionalActor())
def get_notice(request, notice_id: PathId):
    return _out(_notice(request, notice_id), actor_of(request))


def _data(payload) -> dict:
    data = payload.dict(exclude_unset=True)
    if "texts" in data and data["texts"] is not None:
        data["texts"] = {tag: dict(text) for tag, text in data["texts"].items()}
    return data


@router.post("/notices", response={201: NoticeOut}, auth=RequireActor())
def create_notice(request, payload: NoticeIn):
    """A draft, composed from `phrases` and `slots`, or from free `texts` by language."""
    data = _data(payload)
    data["owner_id"] = data.pop("organisation")
    notice = services.create_notice(actor_of(request), data)
    return Status(201, _out(_notice(request, notice.pk), actor_of(request)))


@router.patch("/notices/{notice_id}", response=NoticeOut, auth=RequireActor())
def revise_notice(request, notice_id: PathId, payload: NoticePatch):
    """Any change (texts, phrases, category, severity, area, validity) makes a new draft
    version, approved like any other; a published notice stays up as it was, all of it, until
    that version is published."""
    data = {k: v for k, v in _data(payload).items() if v is not None}
    services.revise_notice(actor_of(request), _notice(request, notice_id), data)
    return _out(_notice(request, notice_id), actor_of(request))


@router.delete("/notices/{notice_id}", response={204: None}, auth=RequireActor())
def delete_notice(request, notice_id: PathId):
    services.delete_notice(actor_of(request), _notice(request, notice_id))
    return Status(204, None)


def _action(name: str, doc: str):
    step = getattr(services, f"{name}_notice")

    def act(request, notice_id: PathId):
        step(actor_of(request), _notice(request, notice_id))
        return _out(_notice(request, notice_id), actor_of(request))

    act.__doc__ = doc
    act.__name__ = f"{name}_notice_action"
    router.post(f"/notices/{{notice_id}}/{name}", response=NoticeOut, auth=RequireActor())(act)


_action(
    "approve",
    "Approve the current version (by someone else than its author, under the two-person rule).",
)
_action(
    "publish", "Publish the current version. Publishing what is already published changes nothing."
)
_action("cancel", "Withdraw the notice; residents see that it was cancelled.")
