"""Spreadsheet exports never carry a live formula, and a CSV imports back as it was."""

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from glocal.core import exports

RISKY = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", RISKY)
def test_a_risky_text_is_a_quoted_text_cell_in_xlsx(text):
    data = exports.to_xlsx({"sheet": [["header"], [text]]})
    cell = load_workbook(io.BytesIO(data))["sheet"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert b"<f>" not in book.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("text", RISKY)
def test_a_risky_text_is_behind_an_apostrophe_in_csv_and_comes_back(text):
    data = exports.to_csv([["notes"], [text]])
    cells = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert cells[1] == ["'" + text]
    assert exports.unquote(cells[1][0]) == text


def test_plain_values_are_left_alone():
    data = exports.to_csv([["会津若松市", 3, None, 1.5, "it's"]], bom=False)
    assert data.decode("utf-8") == "会津若松市,3,,1.5,it's\r\n"
    assert exports.unquote("'plain") == "'plain"
    book = load_workbook(io.BytesIO(exports.to_xlsx({"s": [["text", 3, -4]]})))
    assert [c.value for c in book["s"][1]] == ["text", 3, -4]  # numbers stay numbers


def test_the_csv_has_a_bom_unless_asked_not_to():
    assert exports.to_csv([["a"]]).startswith(b"\xef\xbb\xbf")
    assert not exports.to_csv([["a"]], bom=False).startswith(b"\xef\xbb\xbf")


def test_a_sheet_built_cell_by_cell_is_guarded():
    book = Workbook()
    book.active.append(["=1+1", "fine", 5])
    exports.guard_sheet(book.active)
    buffer = io.BytesIO()
    book.save(buffer)
    cell = load_workbook(buffer).active["A1"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")
