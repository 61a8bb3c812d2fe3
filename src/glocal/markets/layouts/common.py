"""What every layout shares: rows that remember where in the file they came from, the tidy
header they produce, and reading the marks publishers put on titles and figures."""

import re
import unicodedata
from collections.abc import Iterable, Iterator

from glocal import wareki


class Numbered(list):
    """Cells of one tidy row, with the row of the original file they came from, and where a
    cell came from elsewhere (a country named in the header, a figure in its column): tidy
    column → (row, column index) of the file, so that a problem names the cell to look at."""

    number: int
    where: dict[str, tuple[int, int]]

    def __init__(self, cells, number: int, where: dict[str, tuple[int, int]] | None = None):
        super().__init__(cells)
        self.number = number
        self.where = where or {}


def column_letter(index: int) -> str:
    """The spreadsheet's name of a column: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def tidy(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """The tidy layout as it is."""
    return iter(rows)


TIDY_HEADER = ["measure", "period", "country", "prefecture", "hs_code", "value", "status", "source"]
# Marks JNTO puts on figures not yet final, in a month's header or next to a figure.
PRELIMINARY = ("推計値", "暫定値", "速報値", "推計", "暫定", "速報")
FINAL = ("確定値", "確定")
MARKS = re.compile(r"[（(]\s*(" + "|".join(PRELIMINARY + FINAL) + r")\s*[）)]")
MONTH = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月")
YEAR = re.compile(r"(?P<year>\d{4})\s*年|(?P<era>令和|平成)(?P<ey>元|\d{1,2})年")
NO_FIGURE = {"", "-", "－", "―", "—", "…", "x", "X", "*", "***"}
# Rows that are no country: regional subtotals (アジア計, 北欧地域, 中東地域), the rest
# (その他アジア, 無国籍・その他) and notes under the table.
NOT_A_COUNTRY = re.compile(r"(計|地域)$|^その他|無国籍|^[（(]?注|^出典|^※|^資料")
TOTAL = {"総数", "総計", "合計", "訪日外客数", "訪日外客総数"}


def clean(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip()


def status_of(text: str) -> str | None:
    """'preliminary', 'final', or None when the text carries no mark."""
    for mark in PRELIMINARY:
        if mark in text:
            return "preliminary"
    for mark in FINAL:
        if mark in text:
            return "final"
    return None


def unmarked(text: str) -> str:
    return MARKS.sub("", text).replace("※", "").replace("*", "").strip()


def year_in(row: list[str]) -> int | None:
    for cell in row:
        match = YEAR.search(clean(cell))
        if match is None:
            continue
        if match["year"]:
            return int(match["year"])
        return wareki.western_year(match["era"], match["ey"])
    return None
