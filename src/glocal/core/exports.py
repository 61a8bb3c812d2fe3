"""Spreadsheet files that are safe to open: every exporter writes its CSV and XLSX here.

A text that starts like a formula (=, +, -, @, or a tab or carriage return that spreadsheet
programs skip before one) must never run when someone opens the file. In XLSX such a text is
written as a text cell marked "quote prefix", so Excel shows it and keeps it as typed, even after
the cell is edited. CSV has no cell types: there the text gets a leading apostrophe, the mark
spreadsheet programs read as "this is text"; `unquote()` takes it off again when the file is
imported back.
"""

import csv
import io
from collections.abc import Iterable

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_risky(value) -> bool:
    """Whether a spreadsheet program could read this value as a formula."""
    return isinstance(value, str) and value.startswith(RISKY_STARTS)


def csv_cell(value) -> str:
    """The text of one CSV cell: numbers as they are, risky texts behind an apostrophe."""
    if value is None:
        return ""
    text = str(value)
    return QUOTE + text if is_risky(value) else text


def unquote(text: str) -> str:
    """A CSV cell as it was before `csv_cell()` marked it."""
    if text.startswith(QUOTE) and is_risky(text[1:]):
        return text[1:]
    return text


def to_csv(rows: Iterable[Iterable], bom: bool = True) -> bytes:
    """UTF-8 CSV. With a BOM by default: Excel on Japanese Windows reads a file without one
    as Shift_JIS and garbles it; the importers read either."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def to_xlsx(sheets: dict[str, Iterable[Iterable]]) -> bytes:
    """A workbook of one sheet per name, streamed (write-only) so big exports stay small in
    memory. Risky texts become quoted text cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            cells = []
            for value in row:
                if is_risky(value):
                    cell = WriteOnlyCell(sheet, value)
                    _as_text(cell)
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def guard_sheet(sheet) -> None:
    """For workbooks built cell by cell (fonts, charts): make every risky text a quoted text
    cell. Call it once the sheet is filled."""
    for row in sheet.iter_rows():
        for cell in row:
            if is_risky(cell.value):
                _as_text(cell)


def _as_text(cell) -> None:
    cell.data_type = "s"
    cell.quotePrefix = True
