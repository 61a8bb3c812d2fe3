"""An indicator's chart as inline SVG: the baseline, the target path and the actuals by fiscal
year. The same drawing serves the staff pages, the public dashboard and the PDF report, so it
uses no script and no web font; every figure is also in a table next to it."""

from django.utils.html import escape
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 520, 210
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 52
TARGET, ACTUAL = "#6b7280", "#1d4ed8"


def series(
    indicator, end_fy: int, until: int | None = None
) -> list[tuple[int, float | None, float | None]]:
    """(fiscal year, target, actual) from the baseline year to the plan's last year, or to
    `until` (a report for one year shows nothing after it); the baseline stands as both target
    and actual of its own year."""
    targets = {t.fiscal_year: t.value for t in indicator.targets.all()}
    actuals = {a.fiscal_year: a.value for a in indicator.actuals.all()}
    if indicator.final_target is not None:
        targets.setdefault(end_fy, indicator.final_target)
    rows = []
    last = end_fy if until is None else min(end_fy, until)
    for year in range(min(indicator.baseline_fy, last), last + 1):
        if year == indicator.baseline_fy:
            rows.append((year, indicator.baseline, actuals.get(year, indicator.baseline)))
        else:
            rows.append((year, targets.get(year), actuals.get(year)))
    return rows


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"


def indicator_chart(indicator, end_fy: int, until: int | None = None) -> str:
    rows = series(indicator, end_fy, until)
    values = [v for _year, t, a in rows for v in (t, a) if v is not None]
    if not values:
        return ""
    low, high = min(0.0, *values), max(0.0, *values)
    high += (high - low) * 0.1 or 1.0  # all zero: still a scale to draw on
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(rows) - 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / (high - low))

    label = _("%(name)s: baseline, targets and actuals by fiscal year") % {"name": indicator.name}
    parts = [
        f'<svg class="chart indicator-chart" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="sans-serif" font-size="11">'
    ]
    for fraction in (0, 0.5, 1):
        value = low + (high - low) * fraction
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#e5e7eb"/><text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'fill="#374151">{_fmt(value)}</text>'
        )
    for i, (year, _target, _actual) in enumerate(rows):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'fill="#374151">{year}</text>'
        )

    def path(index: int, colour: str, dash: str) -> None:
        points = [(x(i), y(row[index])) for i, row in enumerate(rows) if row[index] is not None]
        if len(points) > 1:
            line = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2" '
                f'stroke-dasharray="{dash}"/>'
            )
        for px, py in points:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"/>')

    path(1, TARGET, "5 4")
    path(2, ACTUAL, "none")
    legend_y = HEIGHT - 12
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT + 24}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
        f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="5 4"/>'
        f'<text x="{LEFT + 30}" y="{legend_y}" fill="#111827">{escape(_("Target"))}</text>'
        f'<line x1="{LEFT + 120}" x2="{LEFT + 144}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
        f'stroke="{ACTUAL}" stroke-width="2"/>'
        f'<text x="{LEFT + 150}" y="{legend_y}" fill="#111827">{escape(_("Actual"))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
