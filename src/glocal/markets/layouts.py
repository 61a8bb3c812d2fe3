"""The layouts a statistics file may come in, each turned into tidy rows (header first) for
glocal.markets.importer.

- `tidy`: one figure per row (see the importer).
- `jnto-arrivals`: 訪日外客数 as JNTO (日本政府観光局) publishes its monthly table: countries and
  regions in rows by their Japanese names, months in columns. **The layout is reconstructed from
  memory of the published tables, not checked against a downloaded file** (no internet when it
  was written); `tests/markets/data/jnto_arrivals.csv` is the example it was written for. See
  `jnto_arrivals` for what it accepts.

The overnight-stay survey's prefecture × nationality and customs' HS × country tables are not
read yet: convert them to the tidy layout.

A layout yields lists of cells; a `Numbered` list carries the row of the file it came from, so
that the importer's problems name the row the reader sees in their spreadsheet. A file whose
shape the layout does not recognise raises `UnreadableFile` saying what was expected.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core.uploads import UnreadableFile
from glocal.markets import periods
from glocal.markets.models import VISITOR_ARRIVALS


class Numbered(list):
    """Cells of one tidy row, with the row of the original file they came from."""

    number: int

    def __init__(self, cells, number: int):
        super().__init__(cells)
        self.number = number


def tidy(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    return iter(rows)


# -- JNTO's visitor arrivals ---------------------------------------------------------------------

JNTO_SOURCE = "日本政府観光局（JNTO）訪日外客数"
TIDY_HEADER = ["measure", "period", "country", "prefecture", "hs_code", "value", "status", "source"]
# Marks JNTO puts on figures not yet final, in a month's header or next to a figure.
_PRELIMINARY = ("推計値", "暫定値", "速報値", "推計", "暫定", "速報")
_FINAL = ("確定値", "確定")
_MARKS = re.compile(r"[（(]\s*(" + "|".join(_PRELIMINARY + _FINAL) + r")\s*[）)]")
_MONTH = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月")
_YEAR = re.compile(r"(?P<year>\d{4})\s*年|(?P<era>令和|平成)(?P<ey>元|\d{1,2})年")
_NO_FIGURE = {"", "-", "－", "―", "—", "…", "x", "X", "*", "***"}
# Rows that are no country: regional subtotals (アジア計, 北欧地域, 中東地域), the rest
# (その他アジア, 無国籍・その他) and notes under the table.
_NOT_A_COUNTRY = re.compile(r"(計|地域)$|^その他|無国籍|^[（(]?注|^出典|^※|^資料")
_TOTAL = {"総数", "総計", "合計", "訪日外客数", "訪日外客総数"}


def _clean(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip()


def _status(text: str) -> str | None:
    """'preliminary', 'final', or None when the text carries no mark."""
    for mark in _PRELIMINARY:
        if mark in text:
            return "preliminary"
    for mark in _FINAL:
        if mark in text:
            return "final"
    return None


def _unmarked(text: str) -> str:
    return _MARKS.sub("", text).replace("※", "").replace("*", "").strip()


def _year_in(row: list[str]) -> int | None:
    for cell in row:
        match = _YEAR.search(_clean(cell))
        if match is None:
            continue
        if match["year"]:
            return int(match["year"])
        return wareki.western_year(match["era"], match["ey"])
    return None


def _month_columns(row: list[str]) -> dict[int, tuple[int | None, int, str | None]]:
    """Column → (year or None, month, status mark) for the cells naming a month."""
    found = {}
    for index, cell in enumerate(row):
        text = _clean(cell).replace(" ", "")
        match = _MONTH.match(_unmarked(text))
        if match and _unmarked(text) == match.group(0) and 1 <= int(match["month"]) <= 12:
            year = int(match["year"]) if match["year"] else None
            found[index] = (year, int(match["month"]), _status(text))
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
    year = _year_in([cell for row in table[:header_at] for cell in row])
    if year is None and any(y is None for y, _m, _s in months.values()):
        raise UnreadableFile(
            _("No year found: write it in the title above the table (訪日外客数（2025年）) "
              "or in each month (2025年1月).")
        )  # fmt: skip
    first_month = min(months)
    yield TIDY_HEADER
    for number, row in enumerate(table[header_at + 1 :], start=header_at + 2):
        name = next((_clean(c) for c in row[:first_month] if _clean(c)), "")
        name = _unmarked(name)
        if not name or (_NOT_A_COUNTRY.search(name) and name not in _TOTAL):
            continue
        if name in _TOTAL:
            name = "総数"
        for index, (month_year, month, header_status) in months.items():
            raw = _clean(row[index]) if index < len(row) else ""
            value = _unmarked(raw)
            if value in _NO_FIGURE:
                continue
            period = periods.month(month_year or year, month).label
            status = _status(raw) or header_status or "final"
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


LAYOUTS: dict[str, Callable[[Iterable[list[str]]], Iterator[list[str]]]] = {
    "tidy": tidy,
    "jnto-arrivals": jnto_arrivals,
}
