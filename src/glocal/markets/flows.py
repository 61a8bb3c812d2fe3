"""A prefecture's foreign markets in figures, as the focus-market factors read them: the
latest twelve months of foreign overnight stays in the prefecture by country, the twelve months
before, Japan's stays (or, failing those, arrivals) by country, and the month of arrival of each
country's visitors. Public figures only: a score answers for no one in particular."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from glocal.markets import periods
from glocal.markets import series as reading
from glocal.markets.models import OVERNIGHT_STAYS, VISITOR_ARRIVALS, Measure


def _months_back(day: date, n: int) -> date:
    index = day.year * 12 + day.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class Flows:
    end: periods.Period | None = None  # the latest month of the prefecture's figures
    stays: dict[str, float] = field(default_factory=dict)  # country → the latest 12 months
    before: dict[str, float] = field(default_factory=dict)  # country → the 12 months before
    by_month: dict[int, float] = field(default_factory=dict)  # month → all countries
    japan: dict[str, float] = field(default_factory=dict)  # country → Japan, same 12 months
    arrivals_by_month: dict[str, dict[int, float]] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.stays.values())


def _by_country(measure_id: int, prefecture: str, start: date, end: date) -> dict:
    """country → [(period start, value)], one figure per month, totals left out."""
    rows = (
        reading.figures(None)
        .filter(
            measure_id=measure_id,
            prefecture=prefecture,
            period_kind=periods.MONTH,
            period_start__gte=start,
            period_start__lte=end,
        )
        .exclude(country="")
        .values_list("country", *reading.FIELDS)
    )
    grouped = defaultdict(list)
    for country, *rest in rows:
        grouped[country].append(rest)
    return {c: [(p.start, p.value) for p in reading.best(r)] for c, r in grouped.items()}


def _measure_id(key: str) -> int | None:
    return Measure.objects.filter(key=key, owner__isnull=True).values_list("pk", flat=True).first()


def of(prefecture_code: str) -> Flows:
    flows = Flows()
    stays_id, arrivals_id = _measure_id(OVERNIGHT_STAYS), _measure_id(VISITOR_ARRIVALS)
    latest = (
        reading.figures(None)
        .filter(measure_id=stays_id, prefecture=prefecture_code, period_kind=periods.MONTH)
        .exclude(country="")
        .order_by("-period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    if latest is None:
        return flows
    flows.end = periods.month(latest.year, latest.month)
    start, earlier = _months_back(latest, 11), _months_back(latest, 23)
    for country, points in _by_country(stays_id, prefecture_code, earlier, latest).items():
        for day, value in points:
            if day >= start:
                flows.stays[country] = flows.stays.get(country, 0) + value
                flows.by_month[day.month] = flows.by_month.get(day.month, 0) + value
            else:
                flows.before[country] = flows.before.get(country, 0) + value
    japan = _by_country(stays_id, "", start, latest) or _by_country(arrivals_id, "", start, latest)
    flows.japan = {c: sum(v for _d, v in points) for c, points in japan.items()}
    for country, points in _by_country(arrivals_id, "", start, latest).items():
        months = flows.arrivals_by_month.setdefault(country, {})
        for day, value in points:
            months[day.month] = months.get(day.month, 0) + value
    return flows
