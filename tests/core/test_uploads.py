"""The upload guard against files made to exhaust the server, and the office files it must
still read."""

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from glocal.core import tables, uploads
from glocal.core.uploads import TooLarge, UnreadableFile
from tests.core import attacks

PLANS = Path(tables.__file__).resolve().parents[1] / "plans" / "data"
FAST, SMALL = 2.0, 32 * 1024 * 1024  # seconds and traced bytes a refusal may take


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def zip_bomb():
    return attacks.zip_bomb()  # 300 MB of sheet in under 1 MB


def refused(call, error=UnreadableFile):
    """The refusal call() raises, after checking it came quickly and in little memory."""
    uploads.load_yaml(b"warm: up")  # imports are not the file's doing
    tables.read_table(attacks.workbook([["warm"]]))
    outcome, seconds, peak = attacks.measured(call)
    assert isinstance(outcome, error), outcome
    assert seconds < FAST
    assert peak < SMALL
    return str(outcome)


def test_a_yaml_billion_laughs_is_refused_at_its_first_alias():
    assert len(attacks.billion_laughs()) < 600
    message = refused(lambda: uploads.load_yaml(attacks.billion_laughs()))
    assert message == "line 2: aliases (*a) are not accepted; write the value out."


@pytest.mark.parametrize(
    "text",
    [
        attacks.deeply_nested_yaml(),
        b"a: {" * 100_000 + b"}" * 100_000,
        "".join(" " * i + "a:\n" for i in range(200)).encode(),
    ],
    ids=["lists", "mappings", "indented"],
)
def test_deeply_nested_yaml_is_refused_before_it_is_parsed(text):
    message = refused(lambda: uploads.load_yaml(text), TooLarge)
    assert "the document nests too deeply (limit 100 levels)" in message


def test_yaml_with_more_values_than_the_limit_is_refused():
    limits = dataclasses.replace(uploads.WEB, max_yaml_values=1000)
    text = ("[" + ", ".join(["1"] * 2000) + "]").encode()
    message = refused(lambda: uploads.load_yaml(text, limits), TooLarge)
    assert message == "line 1: the document has too many values (limit 1,000)."


def test_an_xlsx_declaring_every_cell_excel_has_is_read_as_the_cells_it_holds():
    outcome, seconds, peak = attacks.measured(lambda: tables.read_table(attacks.lying_dimension()))
    assert outcome == [["指標コード", "年度", "実績値"]]
    assert seconds < FAST
    assert peak < SMALL


def test_a_zip_bomb_workbook_is_refused_by_its_declared_size(zip_bomb):
    assert len(zip_bomb) < 2 * 1024 * 1024
    message = refused(lambda: tables.read_table(zip_bomb, "actuals.xlsx"), TooLarge)
    assert message == "The workbook is too large once unpacked (limit 50 MB)."
    message = refused(lambda: tables.read_workbook(zip_bomb), TooLarge)
    assert "limit 50 MB" in message


def test_a_zip_bomb_understating_its_size_stops_where_it_said_it_ends(zip_bomb):
    lying = attacks.understated(zip_bomb)
    message = refused(lambda: tables.read_table(lying, "actuals.xlsx"))
    assert message == "This is not an XLSX workbook that can be read."


def test_unpacking_is_counted_while_streaming_not_only_as_declared():
    data = attacks.workbook([[f"row {i}"] for i in range(5000)])
    declared = sum(part.file_size for part in zipfile.ZipFile(io.BytesIO(data)).infolist())
    limits = dataclasses.replace(uploads.WEB, max_unpacked_bytes=declared)
    archive = uploads.BoundedZip(io.BytesIO(data), limits)  # as declared: within the limit

    def read_again_and_again():  # each reading of a part unpacks it again
        for _ in range(10):
            archive.read(attacks.SHEET)

    with pytest.raises(TooLarge, match=re.escape(f"(limit {uploads.size(declared)})")):
        read_again_and_again()
    with pytest.raises(TooLarge, match="once unpacked"):
        uploads.BoundedZip(
            io.BytesIO(data), dataclasses.replace(limits, max_unpacked_bytes=declared - 1)
        )


def test_a_sheet_jumping_to_row_ten_to_the_twelfth_is_refused_at_the_row_limit():
    message = refused(lambda: tables.read_table(attacks.far_row()), TooLarge)
    assert message == "The file has too many rows (limit 100,000 rows)."


def test_a_cell_in_the_last_column_excel_has_is_refused():
    xlsx = attacks.rewritten(
        attacks.workbook([["a"]]),
        lambda xml: xml.replace(
            b"</row>", b'<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'
        ),
    )
    message = refused(lambda: tables.read_table(xlsx), TooLarge)
    assert message == "Row 1 has too many columns (limit 256 columns)."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (attacks.gigantic_field(), "Row 2 is too long (limit 1,048,576 characters)."),
        (
            attacks.gigantic_field(lines=True),  # the csv module's own limit comes first
            "Row 2 has a value that is too long (limit 32,767 characters).",
        ),
        (
            attacks.gigantic_field(40_000),
            "Row 2 has a value that is too long (limit 32,767 characters).",
        ),
        (b"a," * 300 + b"b\n", "Row 1 has too many columns (limit 256 columns)."),
        (b"1\n" * 100_001, "The file has too many rows (limit 100,000 rows)."),
        ((b"1," * 255 + b"1\n") * 4000, "The file has too many cells (limit 1,000,000 cells)."),
        (b"x" * (10 * 1024 * 1024 + 1), "The file is too large (limit 10 MB)."),
    ],
    ids=["one-line field", "field of many lines", "long field", "columns", "rows", "cells", "size"],
)
def test_csv_beyond_a_limit_is_refused_naming_it(data, message):
    assert refused(lambda: tables.read_table(data, "actuals.csv"), TooLarge) == message


def test_the_refusal_is_in_japanese_for_japanese_readers():
    data = b"x" * (10 * 1024 * 1024 + 1)
    with translation.override("ja"), pytest.raises(TooLarge) as refusal:
        tables.read_table(data, "a.csv")
    assert str(refusal.value) == "ファイルが大きすぎます（上限 10 MB）。"
    with translation.override("ja"), pytest.raises(TooLarge) as refusal:
        tables.read_table(b"1\n" * 11, "a.csv", dataclasses.replace(uploads.WEB, max_rows=10))
    assert str(refusal.value) == "行が多すぎます（上限 10 行）。"


def test_an_uploaded_file_is_refused_by_its_size_without_being_read():
    upload = SimpleUploadedFile("big.csv", b"a,b\n" * 10)
    limits = dataclasses.replace(uploads.WEB, max_bytes=39)
    with pytest.raises(TooLarge, match="limit 39 bytes"):
        tables.read_table(upload, upload.name, limits)
    assert upload.tell() == 0  # not a byte read
    assert uploads.read_bounded(upload, limits) == (b"a,b\n" * 10)[:40]
    assert tables.read_table(upload, upload.name) == [["a", "b"]] * 10
    assert not upload.closed


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_office_csv_files_still_read(encoding):
    assert tables.read_table(attacks.office_csv(encoding), "actuals.csv") == [
        ["指標コード", "年度", "実績値", "コメント"],
        ["I-1", "令和7年度", "1,600", "順調（見本）"],
    ]


def test_a_workbook_with_dates_still_reads():
    assert tables.read_table(attacks.dated_workbook(), "affiliations.xlsx") == [
        ["提携日", "相手自治体"],
        ["1988-10-12", "サンプルビル市"],
    ]


def test_the_shipped_example_files_still_read():
    for path in PLANS.glob("*.yaml"):
        assert uploads.load_yaml(path.read_bytes())["nodes"]
    for path in PLANS.glob("*.csv"):
        with path.open("rb") as file:
            assert tables.read_table(file, path.name)[0][:3] == ["指標コード", "年度", "実績値"]


def test_limits_come_from_the_environment_and_the_command_line_allows_at_least_the_webs(
    monkeypatch,
):
    monkeypatch.setenv("GLOCAL_UPLOAD_MAX_ROWS", "5000000")
    monkeypatch.setenv("GLOCAL_UPLOAD_CLI_MAX_BYTES", "1024")
    web = uploads._limits("GLOCAL_UPLOAD_", uploads.WEB)
    command_line = uploads._limits("GLOCAL_UPLOAD_CLI_", uploads.COMMAND_LINE, floor=web)
    assert web.max_rows == 5_000_000
    assert command_line.max_rows == 5_000_000  # never less than the web's
    assert command_line.max_bytes == web.max_bytes == 10 * 1024 * 1024
    assert uploads.COMMAND_LINE.max_rows > uploads.WEB.max_rows
    assert [uploads.size(n) for n in (900, 1536, 10 * 1024 * 1024)] == [
        "900 bytes",
        "1.5 KB",
        "10 MB",
    ]
