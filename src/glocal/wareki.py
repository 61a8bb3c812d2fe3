"""Japanese eras (和暦): the one place that knows when each era began.

Plain Python with no Django import, so the Easy Japanese library can use it too.
"""

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
