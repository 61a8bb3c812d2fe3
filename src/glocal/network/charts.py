"""Contacts by country and category, as figures and as SVG drawn here (no map tiles, no
scripts). The "map" is a tile grid, one tile per country shaded by its number of contacts:
no world outline ships with any package this project installs, so no geography is drawn."""

from collections import Counter

from django.db.models import Count
from django.utils.html import escape

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


def world_map(countries: list[dict], columns: int = 12, size: int = 44) -> str:
    """One tile per country with contacts, darker for more; each tile names its country."""
    if not countries:
        return ""
    most = max(c["total"] for c in countries)
    tiles = []
    for i, country in enumerate(countries):
        x, y = (i % columns) * (size + 4), (i // columns) * (size + 4)
        shade = 0.2 + 0.8 * country["total"] / most
        tiles.append(
            f"<g><title>{escape(country['name'])}: {country['total']}</title>"
            f'<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="#1f6f8b" '
            f'fill-opacity="{shade:.2f}"/><text x="{x + size / 2}" y="{y + size / 2 + 4}" '
            f'text-anchor="middle" font-size="12">{escape(country["code"])}</text></g>'
        )
    rows = (len(countries) + columns - 1) // columns
    width, height = columns * (size + 4), rows * (size + 4)
    return (f'<svg viewBox="0 0 {width} {height}" role="img" class="tile-map">'
            + "".join(tiles) + "</svg>")  # fmt: skip
