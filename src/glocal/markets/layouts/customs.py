"""The Ministry of Finance's trade statistics by HS code and country (財務省貿易統計,
品別国別表) as the CSV its search pages give, as tidy rows of `export_value` in yen.

**Reconstructed from what is publicly described of the CSV, not checked against a downloaded
file** (no internet when it was written); `tests/markets/data/customs_exports.csv` is the example
it was written for, with fictional figures. What it assumes:

- a header row `Exp or Imp, Year, HS, Country, Unit1, Unit2, Quantity1-Year, Quantity2-Year,
  Value-Year, Quantity1-Jan, Quantity2-Jan, Value-Jan, …, Value-Dec` (case and spacing do not
  matter; a few title lines above it are skipped);
- `Exp or Imp` 1 is exports; anything else (2, imports) is refused with its row, since no measure
  holds imports;
- `HS` the 9-digit statistical code (2, 4 or 6 digits are taken too); a code that lost its
  leading zero in a spreadsheet (8 digits, 80810000) gets it back;
- `Country` the customs country code (`data/customs_countries.tsv`: 103 Korea, 105 China, …);
  a code not in that table is a problem named by its row and column, never guessed;
- values in thousands of yen (千円), stored in yen; quantities are not read (their units differ
  by HS code and a figure has no unit of its own);
- a month whose value and quantities are empty or zero in every row of the file is not yet
  published (a year's file downloaded in June) and gives no figures; the year's total
  (`Value-Year`) is a figure for the calendar year only when all twelve months are published;
- the CSV says nothing of preliminary or final: final unless `--status preliminary`.
"""

import csv
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _

from glocal.core.tables import parse_number
from glocal.core.uploads import UnreadableFile
from glocal.markets.layouts.common import TIDY_HEADER, Numbered, clean
from glocal.markets.models import EXPORT_VALUE

CUSTOMS_SOURCE = "財務省貿易統計"
COUNTRIES_FILE = Path(__file__).resolve().parents[1] / "data" / "customs_countries.tsv"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The columns read, by their folded name (_key) and as the header spells them.
_REQUIRED = {
    "exporimp": "Exp or Imp",
    "year": "Year",
    "hs": "HS",
    "country": "Country",
    "value-year": "Value-Year",
    **{f"value-{m.lower()}": f"Value-{m}" for m in MONTHS},
}
EXPORTS = "1"


@lru_cache(maxsize=1)
def customs_countries() -> dict[str, str]:
    """Customs country code → ISO alpha-2."""
    with COUNTRIES_FILE.open(encoding="utf-8") as file:
        lines = (line for line in file if not line.startswith("#"))
        return {row["code"]: row["iso"] for row in csv.DictReader(lines, delimiter="\t")}


def _key(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).replace(" ", "").lower()


def customs_exports(rows: Iterable[list[str]], status: str | None = None) -> Iterator[list[str]]:
    """The 品別国別表 CSV as tidy rows of `export_value` (yen), by month and, for a whole year,
    by year."""
    table = [list(row) for row in rows]
    header_at, columns = _header(table)
    body = list(enumerate(table[header_at + 1 :], start=header_at + 2))
    published = [m for m in MONTHS if _published(body, columns, m)]
    status = status or "final"
    codes = customs_countries()
    yield TIDY_HEADER
    for number, row in body:
        if not any(clean(cell) for cell in row):
            continue
        cell = _reader(row, columns)
        direction = cell("exporimp")
        if direction != EXPORTS:
            raise UnreadableFile(
                _("Row %(row)s: Exp or Imp is %(value)r; this layout reads exports (1) only.")
                % {"row": number, "value": direction}
            )
        year, hs_code, code = cell("year"), _hs(cell("hs")), cell("country")
        country = codes.get(code, f"税関国名コード{code}")
        where = {"country": (number, columns["country"]), "hs_code": (number, columns["hs"])}
        where["period"] = (number, columns["year"])
        figures = [(f"{year}-{MONTHS.index(m) + 1:02d}", f"value-{m.lower()}") for m in published]
        if len(published) == 12:
            figures.append((year, "value-year"))
        for period, column in figures:
            value = _yen(cell(column))
            cells = [EXPORT_VALUE, period, country, "", hs_code, value, status, CUSTOMS_SOURCE]
            yield Numbered(cells, number, {**where, "value": (number, columns[column])})


def _header(table: list[list[str]]) -> tuple[int, dict[str, int]]:
    for at, row in enumerate(table[:10]):
        columns = {_key(cell): index for index, cell in enumerate(row) if clean(cell)}
        if "hs" in columns and "country" in columns:
            missing = [shown for name, shown in _REQUIRED.items() if name not in columns]
            if missing:
                raise UnreadableFile(
                    _("The trade statistics header lacks %(columns)s.")
                    % {"columns": ", ".join(missing)}
                )
            return at, columns
    raise UnreadableFile(
        _("No header found: the trade statistics CSV starts Exp or Imp, Year, HS, Country, …")
    )


def _reader(row: list[str], columns: dict[str, int]):
    def cell(name: str) -> str:
        index = columns.get(name)
        return clean(row[index]) if index is not None and index < len(row) else ""

    return cell


def _published(body, columns: dict[str, int], month: str) -> bool:
    """Whether any row has a value or quantity for the month."""
    names = [f"{kind}-{month.lower()}" for kind in ("value", "quantity1", "quantity2")]
    for _number, row in body:
        cell = _reader(row, columns)
        for name in names:
            try:
                if parse_number(cell(name)) != 0:
                    return True
            except ValueError:
                if cell(name):  # not a number: the importer names it
                    return True
    return False


def _hs(text: str) -> str:
    digits = text.replace(".", "").replace("-", "")
    return f"0{digits}" if len(digits) == 8 and digits.isdigit() else digits


def _yen(text: str) -> str:
    """Thousands of yen in yen; anything else as it is, for the importer to name."""
    if not text:
        return "0"  # a published month without exports to this country
    try:
        thousands = parse_number(text)
    except ValueError:
        return text
    return f"{round(thousands * 1000)}"
