"""Tables as offices send them: CSV (UTF-8, UTF-8 with BOM or CP932, detected) or the sheets of
an XLSX workbook, read as rows of text within the upload limits (`glocal.core.uploads`).

`read_table(file, name, limits=...)` gives the rows of a CSV or of a workbook's first sheet,
`iter_table(…)` the same one row at a time (for files of millions of rows), `read_workbook(…)`
every sheet. `file` is bytes, an uploaded file or an open binary file. Rows lose their trailing
empty cells. A file beyond a limit raises `uploads.TooLarge`, naming the limit.
"""

import codecs
import csv
import io
import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _

from glocal.core import uploads
from glocal.core.uploads import Limits, TooLarge, UnreadableFile

__all__ = [
    "Limits",
    "RowProblem",
    "TooLarge",
    "UnreadableFile",
    "is_xlsx",
    "iter_table",
    "parse_number",
    "read_table",
    "read_workbook",
]

ENCODINGS = ("utf-8-sig", "cp932")


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


# -- reading, within the limits -----------------------------------------------------------------


def is_xlsx(file: bytes | BinaryIO, name: str = "") -> bool:
    """By its name, else by the zip signature at its start (a stream is left at its start)."""
    if name.lower().endswith(".xlsx"):
        return True
    if isinstance(file, bytes | bytearray):
        return file[:2] == b"PK"
    start = file.read(2)
    file.seek(0)
    return start == b"PK"


def read_table(
    file: bytes | BinaryIO, name: str = "", limits: Limits | None = None
) -> list[list[str]]:
    """The cells of the first sheet or of the CSV, as text."""
    return list(iter_table(file, name, limits))


def iter_table(
    file: bytes | BinaryIO, name: str = "", limits: Limits | None = None
) -> Iterator[list[str]]:
    """The rows of the first sheet or of the CSV, one at a time. The limits are checked as
    the rows come, so a refused file may already have given some rows."""
    limits = uploads.chosen(limits)
    stream = uploads.open_bounded(file, limits)
    if is_xlsx(stream, name):
        book = _open_workbook(stream, limits)
        try:
            for sheet in book.worksheets[:1]:
                yield from _sheet_rows(sheet, _Tally(limits))
        finally:
            book.close()
    else:
        yield from _csv_rows(stream, _Tally(limits))


def read_workbook(
    file: bytes | BinaryIO, limits: Limits | None = None
) -> dict[str, list[list[str]]]:
    """Every sheet of an XLSX workbook by its name, as rows of text."""
    limits = uploads.chosen(limits)
    book = _open_workbook(uploads.open_bounded(file, limits), limits)
    tally = _Tally(limits)  # cells are counted over the whole workbook
    try:
        return {sheet.title: list(_sheet_rows(sheet, tally)) for sheet in book.worksheets}
    finally:
        book.close()


class _Tally:
    """Rows and cells read so far from one file, against its limits."""

    def __init__(self, limits: Limits):
        self.limits, self.cells = limits, 0

    def check_row_number(self, number: int) -> None:
        if number > self.limits.max_rows:
            raise TooLarge(
                _("The file has too many rows (limit %(limit)s rows).")
                % {"limit": uploads.count(self.limits.max_rows)}
            )

    def check_columns(self, number: int, columns: int) -> None:
        if columns > self.limits.max_columns:
            raise TooLarge(
                _("Row %(row)s has too many columns (limit %(limit)s columns).")
                % {"row": number, "limit": uploads.count(self.limits.max_columns)}
            )

    def check(self, number: int, cells: list[str]) -> list[str]:
        limits = self.limits
        self.check_columns(number, len(cells))
        self.cells += len(cells)
        if self.cells > limits.max_cells:
            raise TooLarge(
                _("The file has too many cells (limit %(limit)s cells).")
                % {"limit": uploads.count(limits.max_cells)}
            )
        if any(len(cell) > limits.max_field_chars for cell in cells):
            raise _field_too_long(number, limits)
        return cells


def _field_too_long(number: int, limits: Limits) -> TooLarge:
    return TooLarge(
        _("Row %(row)s has a value that is too long (limit %(limit)s characters).")
        % {"row": number, "limit": uploads.count(limits.max_field_chars)}
    )


def _used(values) -> int:
    """How many cells of a row count: up to the last one holding something."""
    end = len(values)
    while end and (values[end - 1] is None or values[end - 1] == ""):
        end -= 1
    return end


# -- XLSX ---------------------------------------------------------------------------------------


def _not_a_workbook() -> UnreadableFile:
    return UnreadableFile(_("This is not an XLSX workbook that can be read."))


def _open_workbook(stream: BinaryIO, limits: Limits):
    """openpyxl's read-only workbook over a zip that counts what it unpacks."""
    from openpyxl.reader.excel import ExcelReader

    # A damaged workbook fails in zipfile, in the XML parser or in openpyxl itself, with many
    # kinds of error; to the person uploading it they all mean the same thing.
    try:
        archive = uploads.BoundedZip(stream, limits)
        reader = ExcelReader(stream, read_only=True, data_only=True, keep_links=False)
        reader.archive = archive  # every part openpyxl reads goes through the budget
        reader.read()
        return reader.wb
    except UnreadableFile:
        raise
    except Exception as exc:
        raise _not_a_workbook() from exc


def _sheet_rows(sheet, tally: _Tally) -> Iterator[list[str]]:
    # The dimension a sheet declares (A1:XFD1048576) is written by whoever made the file, and
    # openpyxl would pad every row to it: read the cells that are there instead.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except UnreadableFile:
            raise
        except Exception as exc:
            raise _not_a_workbook() from exc
        number += 1
        tally.check_row_number(number)  # before its cells: a sheet may skip to row 10¹²
        used = _used(values)
        tally.check_columns(number, used)  # before making text of 16,384 empty cells
        yield tally.check(number, [_cell(v) for v in values[:used]])


# -- CSV ----------------------------------------------------------------------------------------

_PIECE = 1024 * 1024


def _encoding(stream: BinaryIO) -> str:
    """UTF-8 (with or without BOM), else CP932, checked over the whole file without holding
    its text; a file with NUL bytes is not text."""
    for encoding in ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        stream.seek(0)
        try:
            while piece := stream.read(_PIECE):
                if b"\0" in piece:
                    raise UnreadableFile(_("The file is not a text (CSV) file."))
                decoder.decode(piece)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        stream.seek(0)
        return encoding
    raise UnreadableFile(_("The file is neither UTF-8 nor Shift_JIS (CP932) text."))


class _Records:
    """The lines csv.reader reads, refusing a record (one line, or several when a quoted field
    holds newlines) longer than the limit before it is held in memory."""

    def __init__(self, text, limits: Limits):
        self.text, self.limits = text, limits
        self.row, self.length = 1, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        limit = self.limits.max_line_chars
        line = self.text.readline(limit + 1)
        if not line:
            raise StopIteration
        self.length += len(line)
        if self.length > limit:
            raise TooLarge(
                _("Row %(row)s is too long (limit %(limit)s characters).")
                % {"row": self.row, "limit": uploads.count(limit)}
            )
        return line

    def next_record(self) -> None:
        self.row, self.length = self.row + 1, 0


def _csv_rows(stream: BinaryIO, tally: _Tally) -> Iterator[list[str]]:
    limits = tally.limits
    # The csv module's own limit on a field is process-wide; never below the one asked for.
    if csv.field_size_limit() < limits.max_field_chars:
        csv.field_size_limit(limits.max_field_chars)
    text = io.TextIOWrapper(stream, encoding=_encoding(stream), newline="")
    records = _Records(text, limits)
    try:
        for values in csv.reader(records):
            tally.check_row_number(records.row)
            cells = [_cell(v) for v in values]
            yield tally.check(records.row, cells[: _used(cells)])
            records.next_record()
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _field_too_long(records.row, limits) from exc
        raise UnreadableFile(_("The CSV cannot be read: %(error)s") % {"error": exc}) from exc
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("The file is neither UTF-8 nor Shift_JIS (CP932) text.")) from exc
    finally:
        text.detach()  # the caller's file stays open
