"""Reading statistics as series: one figure per period, whoever imported it.

Several organisations may import the same official figure. A series reads every figure the
actor may see (public ones, and their own organisations') and keeps one per period: a final
one over a preliminary one, then the latest published, then the latest imported. An empty
country, prefecture or HS code is the total: all countries, all of Japan, all goods.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from glocal.markets.models import Measure, Statistic, Status
from glocal.orgs import scoping
from glocal.orgs.actors import Actor


@dataclass(frozen=True, slots=True)
class Point:
    period: str
    start: date
    value: float
    status: str
    sample: bool


def measures(actor: Actor):
    """The built-in measures, public ones, and the actor's organisations' own."""
    own = Q(owner__isnull=True) | Q(is_public=True)
    if actor.is_superuser:
        return Measure.objects.all()
    return Measure.objects.filter(own | Q(owner_id__in=actor.organisation_ids()))


def measure(actor: Actor, key: str) -> Measure | None:
    return measures(actor).filter(key=key).first()


def figures(actor: Actor | None):
    """Every figure the actor may see; None for the public ones only (what the focus-market
    factors read: they answer for no one in particular)."""
    if actor is None:
        return Statistic.objects.filter(is_public=True)
    return scoping.visible(Statistic.objects.all(), actor)


FIELDS = ("period", "period_start", "value", "status", "sample", "published_on", "pk")


def best(rows) -> list[Point]:
    """One point per period from rows of FIELDS, in period order."""
    chosen: dict[str, tuple] = {}
    for row in rows:
        held = chosen.get(row[0])
        if held is None or _rank(row) > _rank(held):
            chosen[row[0]] = row
    return [Point(r[0], r[1], r[2], r[3], r[4]) for r in sorted(chosen.values(), key=_start)]


def _start(row) -> date:
    return row[1]


def _rank(row) -> tuple:
    return (row[3] == Status.FINAL, row[5] or date.min, row[6])


def series(
    actor: Actor | None,
    measure_id: int,
    country: str = "",
    prefecture: str = "",
    hs_code: str = "",
    start: date | None = None,
    end: date | None = None,
    kind: str | None = None,
) -> list[Point]:
    found = figures(actor).filter(
        measure_id=measure_id, country=country, prefecture=prefecture, hs_code=hs_code
    )
    if kind:
        found = found.filter(period_kind=kind)
    if start:
        found = found.filter(period_start__gte=start)
    if end:
        found = found.filter(period_start__lte=end)
    return best(found.values_list(*FIELDS))
