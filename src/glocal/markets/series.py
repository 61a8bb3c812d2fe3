"""Reading statistics as series: one figure per period, whoever imported it.

Several organisations may import the same official figure. A series reads every figure the
actor may see (public ones, and their own organisations') and keeps one per period: a final
one over a preliminary one, then the latest published, then the latest imported. An empty
country, prefecture or HS code is the total: all countries, all of Japan, all goods.
"""

from datetime import date
from typing import NamedTuple

from django.db.models import Q

from glocal.markets import periods, statements
from glocal.markets.models import Measure, Statistic, Status
from glocal.orgs import scoping
from glocal.orgs.actors import Actor


class Point(NamedTuple):
    """One figure of a series. A tuple: made straight from the query's rows, 120 a call."""

    period: str
    value: float
    status: str
    sample: bool

    @property
    def start(self) -> date:
        return periods.parse(self.period).start  # cached: a series names a few hundred


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
    return [Point(r[0], r[2], r[3], r[4]) for r in sorted(chosen.values(), key=_start)]


def _start(row) -> date:
    return row[1]


def _rank(row) -> tuple:
    return (row[3] == Status.FINAL, row[5] or date.min, row[6])


# In index order (the `statistic_series` index ends with period_start), so the database sorts
# nothing. Only what a point shows is read: every further column costs as much as the Python
# around it. When a period has a second figure (two organisations imported it), the series is
# read again with what ranks them (_RANKED), and ranked in Python.
_COLUMNS = ("period", "value", "status", "sample")
_RANKED = (*_COLUMNS, "published_on", "pk")


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
    """One point per period, oldest first (see `_better` for which one). The query is built
    by the ORM (through `figures`, so through orgs.scoping) once per shape and then run with
    each call's values (see `glocal.markets.statements`): building it anew took ten times as
    long as running it."""
    cells = {"measure_id": measure_id, "country": country, "prefecture": prefecture}
    cells["hs_code"] = hs_code
    if kind:
        cells["period_kind"] = kind
    if start:
        cells["period_start__gte"] = start
    if end:
        cells["period_start__lte"] = end
    rows = statements.run(_query, actor, cells)
    if len({row[0] for row in rows}) < len(rows):
        rows = _one_per_period(statements.run(_ranked_query, actor, cells))
    # Point._make checks the length in Python, 120 times a call; the rows have _COLUMNS.
    return [_tuple(Point, row) for row in rows]


_tuple = tuple.__new__


def _one_per_period(rows: list[tuple]) -> list[tuple]:
    chosen: dict[str, tuple] = {}
    for row in rows:
        held = chosen.get(row[0])
        if held is None or _better(row, held):
            chosen[row[0]] = row
    return [row[:4] for row in chosen.values()]


def _better(row: tuple, held: tuple) -> bool:
    """Final over preliminary, then the later publication (an unknown date counts as
    earliest), then the later import. Dates come from the driver as they are (text on
    SQLite), compared only with each other."""
    return _order(row) > _order(held)


def _order(row: tuple) -> tuple:
    published = row[4]
    return (row[2] == Status.FINAL, published is not None, published or 0, row[5])


def _query(actor: Actor | None, cells: dict):
    return figures(actor).filter(**cells).order_by("period_start").values_list(*_COLUMNS)


def _ranked_query(actor: Actor | None, cells: dict):
    return figures(actor).filter(**cells).order_by("period_start").values_list(*_RANKED)
