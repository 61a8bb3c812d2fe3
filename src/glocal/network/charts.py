"""Contacts by country and category, as figures and as SVG drawn here (no map tiles, no
scripts): a world map from the shipped Natural Earth outline (see worldmap.py), every country
outlined and those with contacts shaded by their number, and bars per category. Each picture
stands next to a table with the same figures, which is what screen readers read."""

from collections import Counter

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import mark_safe

from glocal.network import worldmap
from glocal.network.models import Category


def by_country(contacts) -> list[dict]:
    rows = (
        contacts.exclude(country=None)
        .values("country__code", "country__name_ja", "country__name_en")
        .annotate(total=Count("pk"))
        .order_by("-total", "country__code")
    )
    return [
        {"code": r["country__code"], "name": r["country__name_ja"] or r["country__name_en"],
         "total": r["total"]}
        for r in rows
    ]  # fmt: skip


def by_category(contacts) -> list[tuple[str, int]]:
    counts = Counter()
    for codes in contacts.values_list("categories", flat=True):
        counts.update(codes)
    return [(str(Category(code).label), n) for code, n in counts.most_common()
            if code in Category.values]  # fmt: skip


# Sequential shades, lightest to darkest, each with the smallest count it stands for. Fixed
# steps (rather than steps computed from the data) let two pages be compared at a glance.
SHADES = ((1, "#c6dbef"), (5, "#6baed6"), (20, "#2171b5"), (100, "#08306b"))
NO_CONTACTS = "#e5e7eb"


def shade(total: int) -> str:
    return [colour for least, colour in SHADES if total >= least][-1]


def legend(countries: list[dict]) -> list[dict]:
    """The shades up to the darkest one used, each with its range ("1–4", "100+")."""
    most = max((c["total"] for c in countries), default=0)
    steps = []
    for i, (least, colour) in enumerate(SHADES):
        if least > most:
            break
        upper = SHADES[i + 1][0] - 1 if i + 1 < len(SHADES) else None
        label = (
            f"{least}+" if upper is None else str(least) if upper == least else f"{least}–{upper}"
        )
        steps.append({"colour": colour, "label": label})
    return steps


def world_map(countries: list[dict], label: str) -> tuple[str, list[dict]]:
    """Every country outlined; those with contacts shaded by their number, each with a
    <title> naming it and its count. Also returns the countries with contacts that the map
    cannot show (too small at this scale, or not in the source), for the caption."""
    counted = {c["code"]: c for c in countries}
    drawn, parts = set(), []
    for shape in worldmap.shapes():
        country = counted.get(shape.code) if shape.code else None
        if country is None:
            parts.append(f'<path d="{shape.path}"/>')
            continue
        drawn.add(shape.code)
        parts.append(
            f'<path d="{shape.path}" fill="{shade(country["total"])}"><title>'
            f"{escape(country['name'])}: {country['total']}</title></path>"
        )
    svg = (
        f'<svg class="world-map" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {worldmap.WIDTH} {worldmap.HEIGHT}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg"><g fill="{NO_CONTACTS}" stroke="#fff" '
        f'stroke-width=".2" stroke-linejoin="round">{"".join(parts)}</g></svg>'
    )
    return mark_safe(svg), [c for c in countries if c["code"] not in drawn]  # names escaped


def bars(items: list[tuple[str, int]], label: str) -> str:
    """Horizontal bars, one per category: (label, count)."""
    if not items:
        return ""
    width, bar, gap, label_width = 560, 20, 6, 150
    top = max(n for _label, n in items) or 1
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {width} '
        f'{len(items) * (bar + gap)}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="sans-serif" font-size="12">'
    ]
    for i, (name, n) in enumerate(items):
        y, length = i * (bar + gap), (width - label_width - 50) * n / top
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" rx="2"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 15}">{n}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
