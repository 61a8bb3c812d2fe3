"""Tables as offices send them: CSV (UTF-8, UTF-8 with BOM or CP932, detected) or the first
sheet of an XLSX workbook, read as rows of text."""

import csv
import io
import math
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

ENCODINGS = ("utf-8-sig", "cp932")


class UnreadableFile(ValueError):
    pass


@dataclass(frozen=True)
class RowProblem:
    """What is wrong in one row, as the office sees it: the header is row 1."""

    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return _("row %(row)s, %(field)s: %(reason)s") % {
            "row": self.row,
            "field": self.field,
            "reason": self.reason,
        }


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):  # a date typed into Excel
        return value.isoformat()[:10]
    return str(value).strip()  # as written: names keep their brackets and widths


def parse_number(value) -> float:
    """A figure as offices type it: 1,234 or １２３４ or 12.5. Raises ValueError for anything
    else, including NaN and infinity, which no count or amount can be."""
    if isinstance(value, bool):
        raise ValueError(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def is_xlsx(data: bytes, name: str = "") -> bool:
    return name.lower().endswith(".xlsx") or data[:2] == b"PK"


def read_workbook(data: bytes) -> dict[str, list[list[str]]]:
    """Every sheet of an XLSX workbook by its name, as rows of text."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return {
            sheet.title: [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    # A damaged workbook fails in zipfile, in the XML parser or in openpyxl itself, with many
    # kinds of error; to the person uploading it they all mean the same thing.
    except Exception as exc:
        raise UnreadableFile(_("This is not an XLSX workbook that can be read.")) from exc


def text_cells(sheet) -> None:
    """Keep every text cell of a written sheet as text: a title starting with = is not a formula
    (and opening the file must never run one)."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                cell.data_type = "s"


def read_table(data: bytes, name: str = "") -> list[list[str]]:
    """The cells of the first sheet or of the CSV, as text."""
    if is_xlsx(data, name):
        return next(iter(read_workbook(data).values()), [])
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile(_("The file is neither UTF-8 nor Shift_JIS (CP932) text."))
    if "\0" in text:
        raise UnreadableFile(_("The file is not a text (CSV) file."))
    try:
        return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise UnreadableFile(_("The CSV cannot be read: %(error)s") % {"error": exc}) from exc
