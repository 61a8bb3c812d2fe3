"""Every version of the visible measures as CSV or XLSX, in the importer's columns, so that an
export imports back unchanged."""

import csv
import io

from glocal.trade.models import MeasureVersion, Scope

COLUMNS = ("country", "prefectures", "products", "measure", "title", "effective_from",
           "effective_to", "reference", "reference_url", "notes", "illustrative")  # fmt: skip


def neutral(value: str) -> str:
    """A cell a spreadsheet will not run as a formula. # lead: switch to core.exports"""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _prefectures(version: MeasureVersion) -> str:
    if version.scope == Scope.ALL:
        return "全都道府県"
    listed = "、".join(version.prefectures)
    return f"除く {listed}" if version.scope == Scope.EXCEPT else listed


def rows(versions):
    """The effective versions only: a correction replaces the row it corrects."""
    yield COLUMNS
    latest = {}
    for version in versions.order_by("number"):
        latest[(version.measure_id, version.effective_from)] = version
    for version in sorted(latest.values(), key=lambda v: (str(v.measure), v.effective_from)):
        measure = version.measure
        yield tuple(
            neutral(str(cell))
            for cell in (
                measure.country.code, _prefectures(version), "、".join(version.products),
                measure.kind, measure.title, version.effective_from.isoformat(),
                version.effective_to.isoformat() if version.effective_to else "",
                version.reference, version.reference_url, version.notes,
                "1" if version.illustrative else "",
            )
        )  # fmt: skip


def to_csv(versions) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows(versions))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(versions) -> bytes:
    from openpyxl import Workbook

    from glocal.core.tables import text_cells

    book = Workbook()
    sheet = book.active
    sheet.title = "restrictions"
    for row in rows(versions):
        sheet.append(list(row))
    text_cells(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
