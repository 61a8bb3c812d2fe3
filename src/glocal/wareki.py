"""Japanese eras (和暦): the one place that knows when each era began.

Plain Python with no Django import, so the Easy Japanese library can use it too.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Era:
    name: str
    letter: str  # the abbreviation offices write: R7.4.1
    began: date


# Newest first. Year 1 of an era is written 元年.
ERAS = (
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("明治", "M", date(1868, 1, 25)),
)
BY_NAME = {era.name: era for era in ERAS} | {era.letter: era for era in ERAS}


def western_year(era: str, year: int | str) -> int:
    """The Western year of `year` (a number or 元) of `era` (a name such as 令和, or R)."""
    found = BY_NAME.get(era)
    if found is None:
        raise ValueError(f"unknown era {era!r}")
    number = 1 if year == "元" else int(year)
    if number < 1:
        raise ValueError(f"{era} {year}: era years start at 1 (元年)")
    return found.began.year + number - 1


def era_of(day: date) -> tuple[Era, int]:
    """The era and era year a date falls in."""
    for era in ERAS:
        if day >= era.began:
            return era, day.year - era.began.year + 1
    raise ValueError(f"{day} is before the Meiji era")


_DATE_FORMS = (
    # 2026-11-21, 2026/11/21, 2026.11.21
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"),
    # 2026年11月21日
    re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"),
    # 令和8年11月21日, 令和元年5月1日
    re.compile(
        r"(?P<era>令和|平成|昭和|大正|明治)(?P<ey>元|\d{1,2})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"
    ),
    # R8.11.21, H31/4/30
    re.compile(r"(?P<era>[RHSTM])(?P<ey>\d{1,2})[./](?P<month>\d{1,2})[./](?P<day>\d{1,2})"),
)


def parse_date(text: str) -> date:
    """A date written the Western way (2026-11-21, 2026年11月21日) or by era (令和8年11月21日,
    R8.11.21, 元年). Raises ValueError saying what was expected."""
    cleaned = unicodedata.normalize("NFKC", text).strip().upper()
    for form in _DATE_FORMS:
        match = form.fullmatch(cleaned)
        if match is None:
            continue
        parts = match.groupdict()
        year = (
            western_year(parts["era"], parts["ey"] if parts["ey"] == "元" else int(parts["ey"]))
            if parts.get("era")
            else int(parts["year"])
        )
        try:
            found = date(year, int(parts["month"]), int(parts["day"]))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date.") from exc
        if parts.get("era"):
            era, _year = era_of(found)
            if era.name != BY_NAME[parts["era"]].name:
                raise ValueError(
                    f"{text!r}: {found} is not in the {BY_NAME[parts['era']].name} era."
                )
        return found
    raise ValueError(
        f"{text!r} is not a date; write 2026-11-21, 2026年11月21日, 令和8年11月21日 or R8.11.21."
    )


def fiscal_year(day: date) -> int:
    """Japan's fiscal year runs April to March: 2026-03-31 is in FY2025."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_dates(year: int) -> tuple[date, date]:
    """The first and last day of a fiscal year: April 1 to March 31 of the next year."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def fiscal_year_label(year: int) -> str:
    """FY2025（令和7年度）; the first year of an era is 元年度. FY2019 began under 平成 on
    1 April but is called 令和元年度, the era from 1 May, as government documents name it."""
    era, number = era_of(date(year, 5, 1))
    return f"FY{year}（{era.name}{'元' if number == 1 else number}年度）"


_FISCAL_YEAR_FORMS = (
    # 2025, FY2025, 2025年度
    re.compile(r"(?:FY)?(?P<year>\d{4})(?:年度)?"),
    # 令和7年度, 令和元年度, 平成31年度
    re.compile(r"(?P<era>令和|平成|昭和|大正|明治)(?P<ey>元|\d{1,2})年度?"),
    # R7, R7年度, H30
    re.compile(r"(?P<era>[RHSTM])(?P<ey>元|\d{1,2})(?:年度)?"),
)


def parse_fiscal_year(text: str | int) -> int:
    """A fiscal year as offices write it: 2025, FY2025, 2025年度, 令和7年度, R7 (all FY2025).
    Raises ValueError saying what was expected."""
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().upper().replace(" ", "")
    for form in _FISCAL_YEAR_FORMS:
        match = form.fullmatch(cleaned)
        if match is None:
            continue
        parts = match.groupdict()
        if parts.get("era"):
            return western_year(parts["era"], parts["ey"])
        return int(parts["year"])
    raise ValueError(f"{text!r} is not a fiscal year; write 2025, FY2025, 令和7年度 or R7.")
