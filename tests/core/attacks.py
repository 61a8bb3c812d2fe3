"""Files made to exhaust a server that reads them, built here rather than stored, and the
ordinary office files beside which they must be refused."""

import io
import re
import struct
import time
import tracemalloc
import zipfile
from datetime import date

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def billion_laughs() -> bytes:
    """Nine levels of nine aliases: 10⁹ "lol"s from about 600 bytes."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    return "\n".join(lines).encode()


def deeply_nested_yaml(levels: int = 100_000) -> bytes:
    return b"title: " + b"[" * levels + b"]" * levels + b"\n"


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(xlsx: bytes, change) -> bytes:
    """The workbook with its first sheet's XML replaced by change(xml)."""
    source, buffer = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part)
            target.writestr(part.filename, change(data) if part.filename == SHEET else data)
    return buffer.getvalue()


def lying_dimension() -> bytes:
    """One cell, declaring that the sheet fills every row and column Excel has."""
    xml = re.compile(rb'<dimension ref="[^"]*"\s*/>')
    return rewritten(
        workbook([["指標コード", "年度", "実績値"]]),
        lambda data: xml.sub(b'<dimension ref="A1:XFD1048576"/>', data),
    )


def far_row(row: str = "1000000000000") -> bytes:
    """A sheet whose second row says it is row 10¹²: every row between would be made empty."""
    cell = f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
    return rewritten(
        workbook([["a"]]), lambda data: data.replace(b"</sheetData>", cell + b"</sheetData>")
    )


def zip_bomb(unpacked: int = 300 * 1024 * 1024) -> bytes:
    """A real workbook whose sheet is `unpacked` bytes of the same row: about 1 MB zipped."""
    template = zipfile.ZipFile(io.BytesIO(workbook([["a"]])))
    row = b'<row><c t="inlineStr"><is><t>lol</t></is></c></row>'
    piece = row * (1024 * 1024 // len(row))
    head, tail = template.read(SHEET).split(b"<sheetData>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part in template.infolist():
            if part.filename != SHEET:
                target.writestr(part.filename, template.read(part))
                continue
            with target.open(SHEET, "w", force_zip64=True) as sheet:
                sheet.write(head + b"<sheetData>")
                for _ in range(unpacked // len(piece)):
                    sheet.write(piece)
                sheet.write(b"</sheetData>" + tail.split(b"</sheetData>", 1)[1])
    return buffer.getvalue()


def understated(xlsx: bytes, declared: int = 1000) -> bytes:
    """The workbook with its sheet's unpacked size declared as `declared` bytes, in the central
    directory and the part's own header (the sizes a reader checks before unpacking)."""
    data = bytearray(xlsx)
    part = zipfile.ZipFile(io.BytesIO(xlsx)).getinfo(SHEET)
    name = SHEET.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = 30 if signature == b"PK\x03\x04" else 46
            named = data[start + name_at : start + name_at + len(name)] == name
            if named and struct.unpack_from("<I", data, start + size_at)[0] == part.file_size:
                struct.pack_into("<I", data, start + size_at, declared)
            start += 4
    return bytes(data)


def gigantic_field(chars: int = 5 * 1024 * 1024, lines: bool = False) -> bytes:
    """A CSV whose second row holds one field of `chars` characters, on one line or spread
    over many inside quotes."""
    field = ("x" * 1023 + "\n") * (chars // 1024) if lines else "x" * chars
    return f'指標コード,年度,実績値\nI-1,2025,"{field}"\n'.encode()


def office_csv(encoding: str) -> bytes:
    text = '指標コード,年度,実績値,コメント\r\nI-1,令和7年度,"1,600",順調（見本）\r\n'
    return text.encode(encoding)


def dated_workbook() -> bytes:
    return workbook([["提携日", "相手自治体"], [date(1988, 10, 12), "サンプルビル市"]])


def measured(call):
    """(what call() raised or returned, seconds it took, peak bytes traced while it ran again:
    tracing slows Python several times over, so time is taken on a run of its own)."""
    outcomes = []
    for traced in (False, True):
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        try:
            outcomes.append(call())
        except Exception as exc:  # the refusal under test
            outcomes.append(exc)
        if not traced:
            seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return outcomes[0], seconds, peak
