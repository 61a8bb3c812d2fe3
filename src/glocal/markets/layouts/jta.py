"""The Japan Tourism Agency's overnight-stay survey (観光庁 宿泊旅行統計調査): foreign guests'
nights (外国人延べ宿泊者数) by the prefecture of the lodging (rows) and nationality or region
(国籍（出身地）, columns), one table per month or year.

**Reconstructed from what is publicly described of the survey's tables, not checked against a
downloaded file** (no internet when it was written); `tests/markets/data/jta_stays.csv` is the
example it was written for, with fictional figures. What it assumes:

- a title above the table that may name the period (`2025年4月`, `令和7年4月`, `2024年1月～12月`
  or `2024年` for a year, `2024年度`) and may carry 速報 (preliminary; also 第1次速報,
  第2次速報) or 確定 (final); a period on the command line (`--period`) wins over the title;
  no mark is final unless `--status` says otherwise;
- the first data row is 全国 or 北海道; the row just above it names the nationalities (a cell
  left blank there takes the name above it, for a 合計 spanning two header rows);
- the prefecture is the last filled cell left of the first figure (so a column of prefecture
  numbers before the names does no harm; spaces inside a name, 北 海 道, are dropped);
- 全国 is all of Japan, 計/合計/総数/外国人延べ宿泊者数 columns are all nationalities; columns of
  regional subtotals (…計, …地域), その他…, 不詳 and shares (構成比, %) are left out, as are
  rows of regional blocks (…地方, …運輸局, …計) and notes; `-`, `x` or blank is no figure.
"""

import re
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from glocal.core.tables import parse_number
from glocal.core.uploads import UnreadableFile
from glocal.markets import periods
from glocal.markets.layouts.common import (
    NO_FIGURE,
    TIDY_HEADER,
    Numbered,
    clean,
    status_of,
    unmarked,
)
from glocal.markets.models import OVERNIGHT_STAYS

JTA_SOURCE = "観光庁 宿泊旅行統計調査"
_FIRST_ROWS = {"全国", "北海道"}
_TOTAL_COLUMNS = {"計", "合計", "総数", "総計", "外国人延べ宿泊者数", "外国人延べ宿泊者数計"}
_NOT_A_NATIONALITY = re.compile(r"(計|地域)$|^その他|不詳|構成比|[%％]|前年|比率|^[（(]?注|^※")
_NOT_A_PREFECTURE = re.compile(r"(計|地方|運輸局|ブロック|地域)$|^[（(]?注|^出典|^※|^資料")
_TITLE_PERIOD = re.compile(
    r"(?P<year>\d{4}|(?:令和|平成)(?:元|\d{1,2}))年"
    r"(?:(?P<fiscal>度)|(?P<first>\d{1,2})月(?:\s*[~〜\-ー―]\s*(?P<last>\d{1,2})月)?)?"
)


def _name(text) -> str:
    return re.sub(r"\s+", "", unmarked(clean(text)))


def jta_stays(
    rows: Iterable[list[str]], period: str | None = None, status: str | None = None
) -> Iterator[list[str]]:
    """The survey's prefecture × nationality table as tidy rows of `overnight_stays`."""
    table = [list(row) for row in rows]
    first = _first_data_row(table)
    figures_from = _first_figure(table[first])
    header_at, columns = _nationalities(table, first, figures_from)
    title = " ".join(clean(cell) for row in table[:header_at] for cell in row if clean(cell))
    label = _period_of(period, title)
    status = status or status_of(title) or "final"
    yield TIDY_HEADER
    for at, row in enumerate(table[first:], start=first):
        name_at = _name_column(row, figures_from)
        if name_at is None:
            continue
        name = _name(row[name_at])
        if _NOT_A_PREFECTURE.search(name):
            continue
        for column, (nationality, named_at) in columns.items():
            value = unmarked(clean(row[column])) if column < len(row) else ""
            if value in NO_FIGURE:
                continue
            cells = [OVERNIGHT_STAYS, label, nationality, name, "", value, status, JTA_SOURCE]
            where = {"country": (named_at + 1, column), "prefecture": (at + 1, name_at)}
            where["value"] = (at + 1, column)
            yield Numbered(cells, at + 1, where)


def _first_data_row(table: list[list[str]]) -> int:
    for at, row in enumerate(table[:40]):  # a title and a few lines of notes come first
        filled = [_name(cell) for cell in row if _name(cell)]
        if any(name in _FIRST_ROWS for name in filled[:2]):
            return at
    raise UnreadableFile(
        _("No row for 全国 or 北海道 found: the survey's table has prefectures in rows.")
    )


def _first_figure(row: list[str]) -> int:
    for index, cell in enumerate(row):
        try:
            parse_number(unmarked(clean(cell)))
        except ValueError:
            continue
        if index and _name(row[index - 1]):
            return index
    raise UnreadableFile(_("No figures found in the row for 全国 or 北海道."))


def _nationalities(table: list[list[str]], first: int, figures_from: int) -> tuple[int, dict]:
    """(row of the header, {column: (nationality as written or 総数 for the total, the row
    it was found in)})."""
    header_at = first - 1
    while header_at >= 0 and sum(1 for c in table[header_at][figures_from:] if clean(c)) < 2:
        header_at -= 1
    if header_at < 0:
        raise UnreadableFile(_("No row of nationalities found above the prefectures."))
    columns = {}
    width = max(len(row) for row in table[: header_at + 1])
    for column in range(figures_from, width):
        name, found_at = next(
            (
                (_name(table[at][column]), at)
                for at in range(header_at, max(header_at - 3, -1), -1)
                if column < len(table[at]) and _name(table[at][column])
            ),
            ("", header_at),
        )
        if name in _TOTAL_COLUMNS:
            columns[column] = ("総数", found_at)
        elif name and not _NOT_A_NATIONALITY.search(name):
            columns[column] = (name, found_at)
    return header_at, columns


def _name_column(row: list[str], figures_from: int) -> int | None:
    filled = [index for index in range(min(figures_from, len(row))) if _name(row[index])]
    return filled[-1] if filled else None


def _period_of(given: str | None, title: str) -> str:
    if given:
        try:
            return periods.parse(given).label
        except ValueError as exc:
            raise UnreadableFile(
                _("%(value)r is not a period; write 2025-04, 2025 or FY2025.") % {"value": given}
            ) from exc
    match = _TITLE_PERIOD.search(title)
    if match is None:
        raise UnreadableFile(
            _("No period found: name it in the title (2025年4月, 2024年1月～12月) "
              "or with --period.")
        )  # fmt: skip
    year = f"{match['year']}年"
    if match["fiscal"]:
        return periods.parse(f"{year}度").label
    first, last = match["first"], match["last"]
    if first is None or (last is not None and (int(first), int(last)) == (1, 12)):
        return periods.parse(year).label
    if last is not None and int(last) != int(first):
        raise UnreadableFile(
            _("The title names months %(first)s to %(last)s: give the period with --period.")
            % {"first": first, "last": last}
        )
    return periods.parse(f"{year}{first}月").label
