"""JNTO's (日本政府観光局) monthly table of visitor arrivals, as tidy rows.

Countries and regions in rows by their Japanese names, months in columns. **The layout is
reconstructed from memory of the published tables, not checked against a downloaded file** (no
internet when it was written); `tests/markets/data/jnto_arrivals.csv` is the example it was
written for. See `jnto_arrivals` for what it accepts.
"""

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from glocal.core.uploads import UnreadableFile
from glocal.markets import periods
from glocal.markets.layouts.common import (
    MONTH,
    NO_FIGURE,
    NOT_A_COUNTRY,
    TIDY_HEADER,
    TOTAL,
    Numbered,
    clean,
    status_of,
    unmarked,
    year_in,
)
from glocal.markets.models import VISITOR_ARRIVALS

JNTO_SOURCE = "日本政府観光局（JNTO）訪日外客数"


def _month_columns(row: list[str]) -> dict[int, tuple[int | None, int, str | None]]:
    """Column → (year or None, month, status mark) for the cells naming a month."""
    found = {}
    for index, cell in enumerate(row):
        text = clean(cell).replace(" ", "")
        match = MONTH.match(unmarked(text))
        if match and unmarked(text) == match.group(0) and 1 <= int(match["month"]) <= 12:
            year = int(match["year"]) if match["year"] else None
            found[index] = (year, int(match["month"]), status_of(text))
    return found


def jnto_arrivals(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """JNTO's monthly table as tidy rows of `visitor_arrivals`.

    Expected: a title above the table naming the year (`訪日外客数（2025年）`, `令和7年`), unless
    every month says its own (`2025年1月`); a header row with at least two months (`1月 2月 …
    12月`; other columns such as 累計 or 伸率 are ignored); then one row per country or region,
    its Japanese name in the first filled cell left of the months. A month marked 推計値 or
    暫定値 (in its header cell or next to a figure) is preliminary, the others final. 総数 is
    the total of all countries; regional subtotals (…計, …地域), その他… rows and notes are
    left out; `-` or an empty cell is no figure. Country names are resolved by the importer,
    which names the file's row for any it does not know."""
    table = [list(row) for row in rows]
    header_at, months = _find_header(table)
    year = year_in([cell for row in table[:header_at] for cell in row])
    if year is None and any(y is None for y, _m, _s in months.values()):
        raise UnreadableFile(
            _("No year found: write it in the title above the table (訪日外客数（2025年）) "
              "or in each month (2025年1月).")
        )  # fmt: skip
    first_month = min(months)
    yield TIDY_HEADER
    for number, row in enumerate(table[header_at + 1 :], start=header_at + 2):
        name = next((clean(c) for c in row[:first_month] if clean(c)), "")
        name = unmarked(name)
        if not name or (NOT_A_COUNTRY.search(name) and name not in TOTAL):
            continue
        if name in TOTAL:
            name = "総数"
        for index, (month_year, month, header_status) in months.items():
            raw = clean(row[index]) if index < len(row) else ""
            value = unmarked(raw)
            if value in NO_FIGURE:
                continue
            period = periods.month(month_year or year, month).label
            status = status_of(raw) or header_status or "final"
            cells = [VISITOR_ARRIVALS, period, name, "", "", value, status, JNTO_SOURCE]
            yield Numbered(cells, number)


def _find_header(table: list[list[str]]) -> tuple[int, dict]:
    for at, row in enumerate(table[:30]):  # the header sits under a few title and note lines
        months = _month_columns(row)
        if len(months) >= 2:
            return at, months
    raise UnreadableFile(
        _("No row of months found: JNTO's table has a header row such as 国・地域, 1月, 2月, …")
    )
