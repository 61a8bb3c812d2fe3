"""Charts of statistics as inline SVG (no script, no external file), each shown next to a
table with the same figures, which is what screen readers read: a monthly series against the
same month a year earlier, month-of-year seasonality, top markets and their shares."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 560, 220
# The monthly chart's values sit inside the plot, over their grid lines (so that a phone's
# larger text, glocal.css, is never cut off at the left): little margin left, room on top.
LEFT, RIGHT, TOP, BOTTOM = 4, 12, 28, 40
THIS_YEAR, YEAR_BEFORE = "#1d4ed8", "#9ca3af"


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def monthly(rows: list[tuple[str, float | None, float | None]], label: str) -> str:
    """rows: (period label, value, the same month a year earlier)."""
    values = [v for _p, a, b in rows for v in (a, b) if v is not None]
    if len(rows) < 2 or not values:
        return ""
    high = max(values) * 1.1 or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / (len(rows) - 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / high)

    parts = [
        f'<svg class="chart monthly" role="img" aria-label="{escape(label)}" viewBox="0 0 '
        f'{WIDTH} {HEIGHT}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="sans-serif" font-size="11">'
    ]
    for fraction in (0, 0.5, 1):
        v = high * fraction
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="#e5e7eb"/><text class="value" x="{LEFT}" y="{y(v) - 4:.1f}" '
            f'fill="#374151">{_fmt(v)}</text>'
        )
    every = max(1, len(rows) // 6)
    shown = 0
    for i, (period, _a, _b) in enumerate(rows):
        if i % every == 0:
            # Every other label is "minor": a phone shows three, each readable.
            minor = ' class="minor"' if shown % 2 else ""
            anchor = "start" if i == 0 else "middle"
            parts.append(
                f'<text{minor} x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" '
                f'text-anchor="{anchor}" fill="#374151">{escape(period)}</text>'
            )
            shown += 1
    for index, colour, dash in ((2, YEAR_BEFORE, "4 3"), (1, THIS_YEAR, "none")):
        points = [(x(i), y(r[index])) for i, r in enumerate(rows) if r[index] is not None]
        if len(points) > 1:
            line = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2" '
                f'stroke-dasharray="{dash}"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def bars(items: list[tuple[str, float]], label: str, suffix: str = "") -> str:
    """Horizontal bars: (label, value)."""
    if not items:
        return ""
    top = max(v for _l, v in items) or 1
    bar, gap, label_width = 20, 6, 120
    height = len(items) * (bar + gap)
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {WIDTH} '
        f'{height}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" '
        f'font-size="11">'
    ]
    for i, (name, value) in enumerate(items):
        y = i * (bar + gap)
        length = max(0.0, (WIDTH - label_width - 70) * value / top)
        text_y = y + bar * 0.72
        parts.append(
            f'<text x="{label_width - 8}" y="{text_y}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" rx="3" '
            f'fill="{THIS_YEAR}"></rect><text x="{label_width + length + 6:.1f}" y="{text_y}">'
            f"{escape(_fmt(value) + suffix)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
