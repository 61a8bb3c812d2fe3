"""A fiscal year's statistics as the yearly grant report lays them out: one table per
breakdown, categories in rows, April to March in columns, then the year's total. Cells below
the threshold are shown as "<3"."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from glocal.core import exports
from glocal.desk import labels, statistics
from glocal.wareki import fiscal_year_label

BREAKDOWNS = ("language", "topic", "channel", "nationality", "residence_status", "municipality")


def _shown(count: int) -> str | int:
    cell = statistics.Cell((), count)
    return cell.shown if cell.suppressed else count


def rows(organisation_id: int, fiscal_year: int, breakdown: str) -> list[list]:
    """Header, then one row per category, then the total per month."""
    months = statistics.months(fiscal_year)
    header = [labels.dimension(breakdown)] + [f"{int(m[5:])}月" for m in months] + [_("Total")]
    table = statistics.by_month(organisation_id, fiscal_year, breakdown)
    body = []
    for key, counts in sorted(table.items(), key=lambda item: -sum(item[1].values())):
        cells = [_shown(counts.get(month, 0)) for month in months]
        body.append([labels.value(breakdown, key), *cells, _shown(sum(counts.values()))])
    per_month = statistics.by_month(organisation_id, fiscal_year, "channel")  # every case once
    totals = [sum(counts.get(month, 0) for counts in per_month.values()) for month in months]
    footer = [_("Total"), *(_shown(n) for n in totals), _shown(sum(totals))]
    return [header, *body, footer]


def to_xlsx(organisation_id: int, fiscal_year: int) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for breakdown in BREAKDOWNS:
        sheet = book.create_sheet(labels.dimension(breakdown)[:31])
        sheet.append([f"{fiscal_year_label(fiscal_year)} {labels.dimension(breakdown)}"])
        sheet["A1"].font = Font(bold=True)
        for row in rows(organisation_id, fiscal_year, breakdown):
            sheet.append(row)
        sheet.column_dimensions["A"].width = 28
        exports.guard_sheet(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(organisation_id: int, fiscal_year: int) -> bytes:
    def lines():
        for breakdown in BREAKDOWNS:
            yield [f"{fiscal_year_label(fiscal_year)} {labels.dimension(breakdown)}"]
            yield from rows(organisation_id, fiscal_year, breakdown)
            yield []

    return exports.to_csv(lines())
