"""The annual progress report of a plan for one fiscal year: HTML, PDF and XLSX.

All three come from one `context()`: the tree with rolled-up grades, every indicator with its
baseline, target, actual, achievement and chart, and each node's review. Sample values are
marked wherever they appear.
"""

import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core import exports
from glocal.plans import charts, progress
from glocal.plans.models import Review


@dataclass
class IndicatorLine:
    indicator: object
    target: float | None
    actual: float | None
    achievement: float | None
    grade: str | None
    row: object  # the Actual, if any
    chart: str = ""
    year_running: bool = False

    @property
    def note(self) -> str:
        """Why the indicator has no achievement this year, in the reader's words."""
        if self.achievement is not None:
            return ""
        if self.actual is not None and self.year_running and self.indicator.derived:
            return _("Year in progress: counted so far, not graded.")
        if self.actual is None:
            if self.indicator.derived:
                return _("Not computed for this year yet.")
            return _("No actual entered for this year.")
        if self.target is None:
            return _("No target set for this year.")
        return ""

    @property
    def sample(self) -> bool:
        return bool(self.row and self.row.sample)

    @property
    def percent(self) -> str:
        return progress.percent(self.achievement)


@dataclass
class NodeLine:
    depth: int
    node: object
    achievement: float | None
    grade: str | None
    indicators: list[IndicatorLine] = field(default_factory=list)
    review: object = None

    @property
    def percent(self) -> str:
        return progress.percent(self.achievement)


def lines(plan, fiscal_year: int, with_charts: bool = False) -> list[NodeLine]:
    """The tree in reading order, each node with its depth, indicators and review."""
    found_reviews = Review.objects.filter(node__plan=plan, fiscal_year=fiscal_year)
    running = progress.year_running(fiscal_year)
    reviews = {review.node_id: review for review in found_reviews}
    found: list[NodeLine] = []

    def walk(items, depth: int) -> None:
        for item in items:
            line = NodeLine(
                depth, item.node, item.achievement, item.grade, review=reviews.get(item.node.pk)
            )
            for indicator, target, actual, value, row in item.indicators:
                line.indicators.append(
                    IndicatorLine(
                        indicator,
                        target,
                        actual,
                        value,
                        progress.grade(value),
                        row,
                        charts.indicator_chart(indicator, plan.end_fy, until=fiscal_year)
                        if with_charts
                        else "",
                        year_running=running,
                    )
                )
            found.append(line)
            walk(item.children, depth + 1)

    walk(progress.tree(plan, fiscal_year), 0)
    return found


def context(plan, fiscal_year: int, with_charts: bool = True) -> dict:
    found = lines(plan, fiscal_year, with_charts)
    indicators = [i for line in found for i in line.indicators]
    grades: dict[str, int] = {}
    for item in indicators:
        grades[item.grade or "–"] = grades.get(item.grade or "–", 0) + 1
    return {
        "plan": plan,
        "fiscal_year": fiscal_year,
        "fiscal_year_label": wareki.fiscal_year_label(fiscal_year),
        "lines": found,
        "grades": sorted(grades.items()),
        "indicator_count": len(indicators),
        # Charts plot every year up to this one, so any sample among them is on the page.
        "has_samples": any(
            actual.sample and actual.fiscal_year <= fiscal_year
            for item in indicators
            for actual in item.indicator.actuals.all()
        ),
        "year_running": progress.year_running(fiscal_year),
        "locked": plan.locks.filter(fiscal_year=fiscal_year).exists(),
        "generated": timezone.localtime(),
    }


def to_html(plan, fiscal_year: int) -> str:
    return render_to_string("plans/report.html", context(plan, fiscal_year))


def to_pdf(plan, fiscal_year: int) -> bytes:
    """The HTML report through WeasyPrint; the system's Noto CJK fonts are embedded (subset)."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango missing from the system
        raise RuntimeError(
            _("PDF reports need Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0): %(error)s")
            % {"error": exc}
        ) from exc
    return HTML(string=to_html(plan, fiscal_year)).write_pdf()


def to_xlsx(plan, fiscal_year: int) -> bytes:
    """The report as a workbook: the tree with grades, the indicators, and a line chart of
    targets and actuals per indicator drawn by Excel from the figures beside it."""
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Alignment, Font

    found = lines(plan, fiscal_year)
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    summary.append([f"{plan.title} — {wareki.fiscal_year_label(fiscal_year)}"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append(
        [_("Code"), _("Title"), _("Achievement"), _("Grade"), _("Evaluation"), _("Next step")]
    )
    for line in found:
        review = line.review
        summary.append(
            [
                line.node.code,
                "　" * line.depth + line.node.title,
                line.achievement,
                line.grade or "",
                review.evaluation if review else "",
                review.next_step if review else "",
            ]
        )
        summary.cell(summary.max_row, 3).number_format = "0%"
    sheet = book.create_sheet(_("Indicators")[:31])
    sheet.append(
        [
            _("Code"),
            _("Indicator"),
            _("Unit"),
            _("Direction"),
            _("Baseline"),
            _("Target"),
            _("Actual"),
            _("Achievement"),
            _("Grade"),
            _("Sample value"),
            _("Computed from"),
        ]
    )
    for line in found:
        for item in line.indicators:
            i = item.indicator
            sheet.append(
                [
                    i.code,
                    i.name,
                    i.unit,
                    i.get_direction_display(),
                    i.baseline,
                    item.target,
                    item.actual,
                    item.achievement,
                    item.grade or "",
                    _("sample") if item.sample else "",
                    item.row.provenance if item.row else "",
                ]
            )
            sheet.cell(sheet.max_row, 8).number_format = "0%"
    graphs = book.create_sheet(_("Charts")[:31])
    row = 1
    for line in found:
        for item in line.indicators:
            rows = charts.series(item.indicator, plan.end_fy, until=fiscal_year)
            graphs.cell(row, 1, f"{item.indicator.code} {item.indicator.name}").font = Font(
                bold=True
            )
            graphs.append([_("Fiscal year"), _("Target"), _("Actual")])
            first = row + 2
            for year, target, actual in rows:
                graphs.append([f"FY{year}", target, actual])
            chart = LineChart()
            chart.title = item.indicator.name
            chart.y_axis.title = item.indicator.unit
            chart.height, chart.width = 6.5, 13
            chart.add_data(
                Reference(
                    graphs, min_col=2, max_col=3, min_row=first - 1, max_row=first + len(rows) - 1
                ),
                titles_from_data=True,
            )
            chart.set_categories(
                Reference(graphs, min_col=1, min_row=first, max_row=first + len(rows) - 1)
            )
            graphs.add_chart(chart, f"E{row}")
            row = max(first + len(rows), row + 14) + 1
    for ws in (summary, sheet):
        ws.freeze_panes = "A3" if ws is summary else "A2"
        for cell in ws[2 if ws is summary else 1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
    for ws in book.worksheets:
        exports.guard_sheet(ws)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FORMATS = {"html": to_html, "pdf": to_pdf, "xlsx": to_xlsx}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
