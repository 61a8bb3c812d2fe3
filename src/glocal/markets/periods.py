"""Statistical periods as publishers and offices write them.

A period is a month (`2025-04`, `2025/4`, `2025年4月`, `令和7年4月`, `R7.4`), a calendar
quarter (`2025Q2`, `2025-Q2`, `2025年第2四半期`; Q1 is January to March), a fiscal year
(`FY2025`, `2025年度`, `令和7年度`: April to March) or a calendar year (`2025`, `2025年`,
`令和7年`). Era years go through `glocal.wareki`. Every period has one canonical label, which is
what the database keeps and the API returns.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from glocal import wareki

MONTH, QUARTER, FISCAL_YEAR, YEAR = "month", "quarter", "fiscal_year", "year"
KINDS = (MONTH, QUARTER, FISCAL_YEAR, YEAR)
# Statistics start after the war and do not reach far into the future.
FIRST_YEAR, LAST_YEAR = 1945, 2100


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date
    label: str

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def month(self) -> int:
        return self.start.month


def month(year: int, number: int) -> Period:
    end_month = date(year + number // 12, number % 12 + 1, 1)
    last = date.fromordinal(end_month.toordinal() - 1)
    return Period(MONTH, date(year, number, 1), last, f"{year:04d}-{number:02d}")


def quarter(year: int, number: int) -> Period:
    first = month(year, number * 3 - 2)
    last = month(year, number * 3)
    return Period(QUARTER, first.start, last.end, f"{year:04d}Q{number}")


def fiscal_year(year: int) -> Period:
    start, end = wareki.fiscal_year_dates(year)
    return Period(FISCAL_YEAR, start, end, f"FY{year:04d}")


def calendar_year(year: int) -> Period:
    return Period(YEAR, date(year, 1, 1), date(year, 12, 31), f"{year:04d}")


_ERA = r"(?P<era>令和|平成|昭和|R|H|S)(?P<ey>元|\d{1,2})"
_FORMS = (
    (MONTH, re.compile(r"(?P<year>\d{4})[-/.](?P<n>\d{1,2})")),
    (MONTH, re.compile(r"(?P<year>\d{4})年(?P<n>\d{1,2})月")),
    (MONTH, re.compile(_ERA + r"年(?P<n>\d{1,2})月")),
    (MONTH, re.compile(_ERA + r"[./](?P<n>\d{1,2})")),
    (QUARTER, re.compile(r"(?P<year>\d{4})-?Q(?P<n>[1-4])")),
    (QUARTER, re.compile(r"(?P<year>\d{4})年第?(?P<n>[1-4])四半期")),
    (QUARTER, re.compile(_ERA + r"年第?(?P<n>[1-4])四半期")),
    (FISCAL_YEAR, re.compile(r"FY(?P<year>\d{4})")),
    (FISCAL_YEAR, re.compile(r"(?P<year>\d{4})年度")),
    (FISCAL_YEAR, re.compile(_ERA + r"年度")),
    (YEAR, re.compile(r"(?P<year>\d{4})年?")),
    (YEAR, re.compile(_ERA + r"年")),
)
_MAKERS = {MONTH: month, QUARTER: quarter, FISCAL_YEAR: fiscal_year, YEAR: calendar_year}


@lru_cache(maxsize=4096)  # a file of a million rows names a few hundred periods
def parse(text: str) -> Period:
    """The period a text names. Raises ValueError saying what was expected."""
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().upper().replace(" ", "")
    for kind, form in _FORMS:
        match = form.fullmatch(cleaned)
        if match is None:
            continue
        parts = match.groupdict()
        if parts.get("era"):
            year = wareki.western_year(parts["era"], parts["ey"])
        else:
            year = int(parts["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            break
        number = int(parts.get("n") or 0)
        if kind == MONTH and not 1 <= number <= 12:
            break
        return _MAKERS[kind](year, number) if number else _MAKERS[kind](year)
    raise ValueError(
        f"{text!r} is not a period; write 2025-04, 2025Q2, FY2025, 2025, 令和7年4月 or 2025年4月."
    )


def previous_year(period: Period) -> Period:
    """The same period one year earlier (April 2025 → April 2024)."""
    if period.kind == MONTH:
        return month(period.year - 1, period.month)
    if period.kind == QUARTER:
        return quarter(period.year - 1, (period.month + 2) // 3)
    if period.kind == FISCAL_YEAR:
        return fiscal_year(period.year - 1)
    return calendar_year(period.year - 1)
