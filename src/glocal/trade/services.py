"""Every write of the trade app: measures and their versions, exporters, promotion projects.
Each runs in one transaction with its audit events (AuditedModel writes them on save)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from glocal.orgs import audit, scoping
from glocal.orgs.actors import Actor
from glocal.orgs.models import Role
from glocal.trade import alerts
from glocal.trade.models import Exporter, Measure, MeasureVersion, PromotionProject
from glocal.trade.models.measures import Change
from glocal.trade.rules import MeasureData


def _user(actor: Actor):
    user = actor.user
    return user if getattr(user, "is_authenticated", False) else None


def _label(actor: Actor) -> str:
    user = _user(actor)
    if user is not None:
        return user.get_username()
    if actor.token is not None:
        return f"token {actor.token.name}"
    return actor.via


def classify(before: MeasureVersion | None, after: MeasureData) -> str:
    """What a new version does to the measure: imposed, tightened (covers more), eased
    (covers less), amended (neither), or lifted."""
    if after.effective_to is not None:
        return Change.LIFTED
    if before is None:
        return Change.IMPOSED
    old_places = before.prefecture_count()
    probe = MeasureVersion(scope=after.scope, prefectures=after.prefectures)
    new_places = probe.prefecture_count()
    wider = _within(before.products, after.products) and new_places >= old_places
    narrower = _within(after.products, before.products) and new_places <= old_places
    if wider and not narrower:
        return Change.TIGHTENED
    if narrower and not wider:
        return Change.EASED
    return Change.AMENDED


def _within(codes, covering) -> bool:
    """Whether every code is covered by one of `covering` (0302 is within 03)."""
    return all(any(code.startswith(c) for c in covering) for code in codes)


def _change(replaced: MeasureVersion | None, earlier: list, data: MeasureData) -> str:
    """A version with the same start corrects it, unless it only adds the day of lifting."""
    if replaced is None:
        return classify(earlier[-1] if earlier else None, data)
    lifting = replaced.effective_to is None and data.effective_to is not None
    return Change.LIFTED if lifting else Change.CORRECTED


def _fields(data: MeasureData) -> dict:
    return {
        "scope": data.scope,
        "prefectures": data.prefectures,
        "products": data.products,
        "product_terms": data.product_terms,
        "effective_from": data.effective_from,
        "effective_to": data.effective_to,
        "reference": data.reference,
        "reference_url": data.reference_url,
        "notes": data.notes,
        "illustrative": data.illustrative,
    }


def record(actor: Actor, owner_id: int, data: MeasureData) -> MeasureVersion | None:
    """Record `data` as the measure's state from `data.effective_from` on, creating the
    measure (owner, country, kind, title) if it is new. A version that says what the version
    in force from that date already says is not recorded again (None is returned): importing
    the same file twice changes nothing. Editors of the owning organisation only."""
    scoping.require(actor, owner_id, Role.EDITOR)
    with transaction.atomic():
        measure, _created = Measure.objects.get_or_create(
            owner_id=owner_id, country=data.country, kind=data.kind, title=data.title
        )
        versions = list(measure.versions.select_for_update().order_by("effective_from", "number"))
        same_start = [v for v in versions if v.effective_from == data.effective_from]
        probe = MeasureVersion(**_fields(data))
        if same_start and same_start[-1].content() == probe.content():
            return None
        earlier = [v for v in versions if v.effective_from < data.effective_from]
        change = _change(same_start[-1] if same_start else None, earlier, data)
        version = MeasureVersion.objects.create(
            measure=measure,
            number=max((v.number for v in versions), default=0) + 1,
            change=change,
            recorded_by=_user(actor),
            recorded_by_label=_label(actor)[:200],
            **_fields(data),
        )
        alerts.changed(version.pk)
    return version


def record_steps(actor: Actor, owner_id: int, steps: list[MeasureData]) -> int:
    """Record rows of one measure with one start date, in order (a file may say "eased on
    this date" and then "that version was lifted later" in two rows). When what the last row
    says is already what stands for that date, the rows were imported before: nothing is
    recorded (else replaying the first row would count as a correction). The number recorded."""
    last = steps[-1]
    standing = (
        MeasureVersion.objects.filter(
            measure__owner_id=owner_id, measure__country=last.country, measure__kind=last.kind,
            measure__title=last.title, effective_from=last.effective_from,
        ).order_by("-number").first()
    )  # fmt: skip
    if standing is not None and standing.content() == MeasureVersion(**_fields(last)).content():
        scoping.require(actor, owner_id, Role.EDITOR)
        return 0
    return sum(record(actor, owner_id, step) is not None for step in steps)


def change_measure(actor: Actor, measure: Measure, data: MeasureData) -> MeasureVersion | None:
    """A new version of an existing measure; its country, kind and title stay as they are."""
    data.country, data.kind, data.title = measure.country, measure.kind, measure.title
    return record(actor, measure.owner_id, data)


def correct_version(
    actor: Actor, version: MeasureVersion, data: MeasureData
) -> MeasureVersion | None:
    """Correct what a version says: a new version with the same start date, which stands in
    its place (the history keeps both). None when the correction changes nothing."""
    data.effective_from = version.effective_from
    return change_measure(actor, version.measure, data)


# -- exporters and promotion projects ------------------------------------------------------------

EXPORTER_FIELDS = (
    "company", "products", "markets", "contact_name", "contact_email", "contact_phone", "notes",
)  # fmt: skip
PROJECT_FIELDS = (
    "title", "kind", "country", "partners", "starts_on", "ends_on", "budget_yen",
    "negotiations", "contracts", "estimated_sales_yen", "media_reach", "outcomes", "event_url",
)  # fmt: skip


def _save(record, values: dict, allowed: tuple) -> None:
    for name, value in values.items():
        if name in allowed:
            setattr(record, name, value)
    record.is_public = False  # private to the organisation, whatever was sent
    record.full_clean()
    record.save()


@transaction.atomic
def save_exporter(actor: Actor, owner_id: int, values: dict, exporter: Exporter | None = None):
    scoping.require(actor, owner_id if exporter is None else exporter.owner_id, Role.EDITOR)
    exporter = exporter or Exporter(owner_id=owner_id)
    _save(exporter, values, EXPORTER_FIELDS)
    return exporter


@transaction.atomic
def delete_exporter(actor: Actor, exporter: Exporter) -> None:
    """Deleted on request: the company's contact goes with it."""
    scoping.require(actor, exporter.owner_id, Role.EDITOR)
    exporter.delete()


@transaction.atomic
def save_project(
    actor: Actor, owner_id: int, values: dict, project: PromotionProject | None = None
) -> PromotionProject:
    scoping.require(actor, owner_id if project is None else project.owner_id, Role.EDITOR)
    project = project or PromotionProject(owner_id=owner_id)
    starts, ends = values.get("starts_on", project.starts_on), values.get("ends_on")
    if starts and ends and ends < starts:
        raise ValidationError({"ends_on": _("the project ends before it starts")})
    exporters = values.pop("exporters", None)
    _save(project, values, PROJECT_FIELDS)
    if exporters is not None:
        mine = Exporter.objects.filter(owner_id=project.owner_id, pk__in=exporters)
        if mine.count() != len(set(exporters)):
            raise ValidationError({"exporters": _("not exporters of this organisation")})
        audit.set_related(actor, project, "exporters", mine)
    return project
