"""Every write of the markets app: statistics imports, measures, score weights.

Statistics are written in bulk (a file may hold a million figures), so they send no per-row
signals: each import is one `StatisticImport` record, audited like any other write, that
counts what it added and replaced; every replaced value is kept as a `Revision`.
"""

import unicodedata
from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal.core.tables import RowProblem, UnreadableFile
from glocal.markets import importer, layouts
from glocal.markets.models import (
    FactorWeight,
    FocusMarket,
    Measure,
    Revision,
    Statistic,
    StatisticImport,
)
from glocal.orgs import actors, scoping
from glocal.orgs.actors import Actor
from glocal.orgs.models import Role

BATCH = 5_000
PROBLEMS_KEPT = 200


class Refused(ValueError):
    """The rows cannot be written as they are; `problems` names each row and column."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(_("%(n)s problems; nothing was imported.") % {"n": len(problems)})
        self.problems = problems


def _user(actor: Actor):
    return actor.user if getattr(actor.user, "is_authenticated", False) else None


def import_rows(
    actor: Actor,
    organisation_id: int,
    rows: list[importer.Row],
    name: str = "",
    layout: str = "tidy",
    sample: bool = False,
    job: StatisticImport | None = None,
) -> StatisticImport:
    """Write checked rows for the organisation in one transaction: new figures added, changed
    ones replaced (the old value kept as a Revision), the same ones left alone. Raises Refused
    (nothing written) when a row is older than what is recorded. `sample` marks made-up
    figures (the demo)."""
    scoping.require(actor, organisation_id, Role.EDITOR)
    with transaction.atomic():
        plan = importer.compare(organisation_id, rows)
        if plan.problems:
            raise Refused(plan.problems)
        if job is None:
            job = StatisticImport(
                owner_id=organisation_id, name=name[:200], layout=layout, started_by=_user(actor)
            )
        job.rows_total = job.rows_checked = len(rows)
        job.created, job.replaced = len(plan.new), len(plan.replacing)
        job.unchanged = plan.unchanged + plan.kept_final
        job.state, job.data, job.finished_at = StatisticImport.State.DONE, b"", timezone.now()
        job.save()  # the audit event of the whole import
        _create(organisation_id, plan.new, sample)
        _replace(plan.replacing, sample, job)
    return job


def _create(organisation_id: int, rows: list[importer.Row], sample: bool) -> None:
    for start in range(0, len(rows), BATCH):
        Statistic.objects.bulk_create(
            [_statistic(organisation_id, row, sample) for row in rows[start : start + BATCH]],
            batch_size=BATCH,
        )


def _statistic(organisation_id: int, row: importer.Row, sample: bool) -> Statistic:
    return Statistic(
        owner_id=organisation_id,
        measure_id=row.measure_id,
        country=row.country,
        prefecture=row.prefecture,
        hs_code=row.hs_code,
        period=row.period.label,
        period_kind=row.period.kind,
        period_start=row.period.start,
        value=row.value,
        status=row.status,
        source=row.source,
        published_on=row.published_on,
        sample=sample,
    )


def _replace(replacing: list, sample: bool, job: StatisticImport) -> None:
    now = timezone.now()
    revisions, changed = [], []
    for row, (pk, *_key, value, status, source, published_on) in replacing:
        revisions.append(
            Revision(
                statistic_id=pk,
                value=value,
                status=status,
                source=source,
                published_on=published_on,
                replaced_by=job,
            )
        )
        changed.append(
            Statistic(
                pk=pk,
                value=row.value,
                status=row.status,
                source=row.source,
                published_on=row.published_on,
                sample=sample,
                updated_at=now,
            )
        )
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    fields = ["value", "status", "source", "published_on", "sample", "updated_at"]
    Statistic.objects.bulk_update(changed, fields, batch_size=1000)


# -- big files from the staff page, in the background -------------------------------------------


@transaction.atomic
def queue_import(
    actor: Actor, organisation_id: int, name: str, data: bytes, layout: str = "tidy"
) -> StatisticImport:
    """Keep the file and import it in the background once this transaction commits."""
    from glocal.markets import tasks

    scoping.require(actor, organisation_id, Role.EDITOR)
    if layout not in layouts.LAYOUTS:
        raise ValidationError({"layout": _("unknown layout %(name)r") % {"name": layout}})
    job = StatisticImport.objects.create(
        owner_id=organisation_id,
        name=name[:200],
        layout=layout,
        data=data,
        started_by=_user(actor),
    )
    transaction.on_commit(lambda: tasks.import_statistics.enqueue(job.pk))
    return job


def run_import(job_id: int, read: Callable[[bytes, str], Iterable[list[str]]]) -> None:
    """Check every row (the counter moves every importer.PROGRESS_EVERY rows), then write all
    or nothing as the person who started it, if they still may."""
    waiting = StatisticImport.objects.filter(pk=job_id, state=StatisticImport.State.QUEUED)
    if not waiting.update(state=StatisticImport.State.CHECKING):
        return  # already taken by another worker, or gone
    job = StatisticImport.objects.select_related("started_by").get(pk=job_id)
    found = StatisticImport.objects.filter(pk=job_id)
    actor = Actor(user=job.started_by, via="task")
    try:
        checked = importer.check(
            layouts.LAYOUTS[job.layout](read(bytes(job.data), job.name)),
            job.owner_id,
            progress=lambda n: found.update(rows_checked=n),
        )
        if checked.problems:
            raise Refused(checked.problems)
        found.update(state=StatisticImport.State.WRITING)
        with actors.acting_as(actor):
            import_rows(actor, job.owner_id, checked.rows, layout=job.layout, job=job)
    except Refused as exc:
        _failed(job_id, exc.problems)
    except (UnreadableFile, PermissionDenied, ValidationError) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        _failed(job_id, [RowProblem(0, "file", message)])


def _failed(job_id: int, problems: list[RowProblem]) -> None:
    StatisticImport.objects.filter(pk=job_id).update(
        state=StatisticImport.State.FAILED,
        problems=[[p.row, p.field, str(p.reason)] for p in problems[:PROBLEMS_KEPT]],
        data=b"",
        finished_at=timezone.now(),
    )


# -- measures and weights -----------------------------------------------------------------------


@transaction.atomic
def define_measure(
    actor: Actor, organisation_id: int, key: str, name_ja: str, name_en: str, unit: str = ""
) -> Measure:
    """A measure of the organisation's own (ski visitors, 県産品 sales…), private to it."""
    scoping.require(actor, organisation_id, Role.EDITOR)
    measure = Measure(
        owner_id=organisation_id, key=key, name_ja=name_ja, name_en=name_en, unit=unit
    )
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def set_weights(actor: Actor, organisation_id: int, weights: dict[str, float]) -> None:
    """The organisation's weight of each factor of the focus-market score (0–10)."""
    scoping.require(actor, organisation_id, Role.EDITOR)
    for factor, weight in weights.items():
        found = FactorWeight.objects.filter(owner_id=organisation_id, factor=factor).first()
        found = found or FactorWeight(owner_id=organisation_id, factor=factor)
        found.weight = weight
        found.full_clean()
        found.save()


FOCUS_MARKETS_MAX = 30  # a plan names a handful; more is no focus


@transaction.atomic
def set_focus_markets(actor: Actor, organisation_id: int, codes: Iterable[str]) -> list[str]:
    """The organisation's focus markets (重点市場) become exactly these countries (ISO codes),
    which the derived indicators `markets.focus_market_*` count. Each one added or removed is
    an audited write; an unknown code or too many refuse the whole change."""
    from glocal.places.models import Country

    scoping.require(actor, organisation_id, Role.EDITOR)
    wanted = {unicodedata.normalize("NFKC", code).strip().upper() for code in codes}
    wanted.discard("")
    if len(wanted) > FOCUS_MARKETS_MAX:
        raise ValidationError(_("Choose at most %(n)s focus markets.") % {"n": FOCUS_MARKETS_MAX})
    known = set(Country.objects.filter(code__in=wanted).values_list("code", flat=True))
    if unknown := sorted(wanted - known):
        raise ValidationError(
            _("Unknown country codes: %(codes)s") % {"codes": ", ".join(c[:10] for c in unknown)}
        )
    held = FocusMarket.objects.select_for_update().filter(owner_id=organisation_id)
    for focus in held:
        if focus.country not in wanted:
            focus.delete()  # one audit event each
    kept = {focus.country for focus in held}
    for code in sorted(wanted - kept):
        FocusMarket.objects.create(owner_id=organisation_id, country=code)
    return sorted(wanted)
