"""Counts of consultations for reports and funders, with small cells suppressed.

Statistics read the `Case` table only (and its topics), never the residents' details. A count
below `THRESHOLD` is published as "<3" (`None` in the API) so that no table points at a person.
Only primary suppression: row and column totals are shown, so a reader who subtracts may narrow
a suppressed cell down; tables for publication should be checked by a person (see README).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F
from django.utils import timezone

from glocal.desk.models import Case
from glocal.desk.vocabulary import Status
from glocal.wareki import fiscal_year_dates

THRESHOLD = 3
REPLY_DAYS = 3  # "answered within N days": the share the plan indicator reports

# Dimension → the column counted by.
DIMENSIONS = {
    "language": "language",
    "topic": "topics__code",
    "channel": "channel",
    "month": "received_month",
    "nationality": "nationality__code",
    "residence_status": "residence_status",
    "municipality": "municipality__code",
    "interpretation": "interpretation",
    "age_band": "age_band",
    "gender": "gender",
}


@dataclass(frozen=True)
class Cell:
    key: tuple
    count: int

    @property
    def suppressed(self) -> bool:
        return 0 < self.count < THRESHOLD

    @property
    def published(self) -> int | None:
        return None if self.suppressed else self.count

    @property
    def shown(self) -> str:
        return f"<{THRESHOLD}" if self.suppressed else str(self.count)


def fiscal_year_cases(organisation_id: int, fiscal_year: int):
    start, end = fiscal_year_dates(fiscal_year)
    return Case.objects.filter(owner_id=organisation_id, received_on__range=(start, end))


def table(organisation_id: int, fiscal_year: int, by: tuple[str, ...]) -> list[Cell]:
    """One fiscal year's cases counted by one or more dimensions, largest first. A case with
    several topics counts once under each of them."""
    columns = [DIMENSIONS[name] for name in by]
    names = {f"k{i}": F(column) for i, column in enumerate(columns)}
    rows = (
        fiscal_year_cases(organisation_id, fiscal_year)
        .order_by()
        .values(**names)
        .annotate(n=Count("id"))
        .values_list(*names, "n")
    )
    cells = [Cell(tuple(_key(v) for v in row[:-1]), row[-1]) for row in rows]
    return sorted(cells, key=lambda cell: (-cell.count, [str(k) for k in cell.key]))


def _key(value):
    if isinstance(value, date):
        return value.strftime("%Y-%m")
    return "" if value is None else value


def total(organisation_id: int, fiscal_year: int) -> int:
    return fiscal_year_cases(organisation_id, fiscal_year).count()


def months(fiscal_year: int) -> list[str]:
    start, _end = fiscal_year_dates(fiscal_year)
    return [
        date(start.year + (start.month + i - 1) // 12, (start.month + i - 1) % 12 + 1, 1).strftime(
            "%Y-%m"
        )
        for i in range(12)
    ]


def by_month(organisation_id: int, fiscal_year: int, dimension: str) -> dict[str, Counter]:
    """Category → month → count: the layout yearly reports use (months in columns)."""
    found: dict[str, Counter] = {}
    for cell in table(organisation_id, fiscal_year, (dimension, "month")):
        found.setdefault(cell.key[0], Counter())[cell.key[1]] += cell.count
    return found


@dataclass(frozen=True)
class ReplyTimes:
    answered: int
    within: int
    median_hours: float | None

    @property
    def share_within(self) -> float | None:
        return round(100 * self.within / self.answered, 1) if self.answered else None


def reply_times(organisation_id: int, fiscal_year: int, days: int = REPLY_DAYS) -> ReplyTimes:
    """First-reply time of the year's cases that have had a reply."""
    pairs = (
        fiscal_year_cases(organisation_id, fiscal_year)
        .filter(first_reply_at__isnull=False)
        .values_list("received_at", "first_reply_at")
    )
    hours = sorted(max((reply - received).total_seconds() / 3600, 0) for received, reply in pairs)
    within = sum(1 for h in hours if h <= days * 24)
    median = hours[len(hours) // 2] if hours else None
    return ReplyTimes(len(hours), within, None if median is None else round(median, 1))


AGE_BUCKETS = ((7, "0–7"), (30, "8–30"), (90, "31–90"), (None, "91+"))


def open_by_age(organisation_id: int, today: date | None = None) -> list[Cell]:
    """Cases not yet closed, by days since they were received."""
    today = today or timezone.localdate()
    days = Case.objects.filter(owner_id=organisation_id).exclude(status=Status.CLOSED)
    counts = Counter()
    for received in days.values_list("received_on", flat=True):
        age = (today - received).days
        label = next(name for limit, name in AGE_BUCKETS if limit is None or age <= limit)
        counts[label] += 1
    return [Cell((name,), counts[name]) for _limit, name in AGE_BUCKETS]


def languages_handled(organisation_id: int, fiscal_year: int) -> list[str]:
    return sorted(
        fiscal_year_cases(organisation_id, fiscal_year)
        .order_by()
        .values_list("language", flat=True)
        .distinct()
    )


def overdue_follow_ups(organisation_id: int, today: date | None = None) -> int:
    today = today or timezone.localdate()
    return (
        Case.objects.filter(owner_id=organisation_id, follow_up_on__lte=today)
        .exclude(status=Status.CLOSED)
        .count()
    )


def fiscal_year_of_today() -> int:
    from glocal.wareki import fiscal_year

    return fiscal_year(timezone.localdate())
