"""The country profile as an XLSX: the tables of `pages.workbook_rows`, and next to each a
native Excel chart (a line chart of each measure by month with the same month a year earlier;
a bar chart of the score's points by factor) that stays live when the figures are edited."""

import io

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference

from glocal.core import exports
from glocal.markets import pages


def profile_xlsx(context: dict) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in pages.workbook_rows(context).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        exports.guard_sheet(sheet)  # figures are ours, but sources and reasons are typed text
    for panel in context["panels"]:
        _line_chart(book[panel.key[:31]], panel.title, len(panel.rows))
    if context.get("score") and "score" in book.sheetnames:
        _bar_chart(book["score"], len(context["score"]["factors"]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _line_chart(sheet, title: str, count: int) -> None:
    if count < 2:
        return
    chart = LineChart()
    chart.title = str(title)
    chart.height, chart.width = 8, 18
    # Columns B and C (this month, a year earlier) with their header for the legend.
    chart.add_data(Reference(sheet, min_col=2, max_col=3, min_row=1, max_row=count + 1), True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=count + 1))
    sheet.add_chart(chart, "F2")


def _bar_chart(sheet, count: int) -> None:
    if not count:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = "score"
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=count + 1), True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=count + 1))
    sheet.add_chart(chart, "E2")
