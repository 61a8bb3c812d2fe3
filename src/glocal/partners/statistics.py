"""Counts for the statistics page and exports: by country (as the Diplomatic Bluebook tables
them), by prefecture, by decade signed and by kind."""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext as _

from glocal.core import exports
from glocal.partners.models import Affiliation, Kind


def by_country(affiliations=None) -> list[dict]:
    affiliations = affiliations if affiliations is not None else Affiliation.objects.all()
    rows = (
        affiliations.values("partner__country__code", "partner__country__name_ja", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table: dict[str, dict] = {}
    for row in rows:
        code = row["partner__country__code"]
        entry = table.setdefault(
            code,
            {"code": code, "name": row["partner__country__name_ja"], "total": 0}
            | dict.fromkeys(Kind.values, 0),
        )
        entry[row["kind"]] += row["n"]
        entry["total"] += row["n"]
    return sorted(table.values(), key=lambda e: (-e["total"], e["code"]))


def by_prefecture(affiliations=None) -> list[tuple[str, int]]:
    affiliations = affiliations if affiliations is not None else Affiliation.objects.all()
    counts = Counter()
    for place in affiliations.select_related("local_government__prefecture"):
        lg = place.local_government
        counts[(lg if lg.is_prefecture else lg.prefecture).name] += 1
    return counts.most_common()


def by_decade(affiliations=None) -> list[tuple[str, int]]:
    affiliations = affiliations if affiliations is not None else Affiliation.objects.all()
    counts = Counter(
        d.year // 10 * 10 for d in affiliations.values_list("signed_on", flat=True) if d
    )
    # 1970年代 in Japanese, 1970s in English: the decade in the reader's words.
    return [(_("%(decade)ss") % {"decade": decade}, n) for decade, n in sorted(counts.items())]


def bar_chart(items: list[tuple[str, int]], width: int = 560, bar: int = 22) -> str:
    """A horizontal bar chart as inline SVG (no script, no external file). The same numbers
    are in a table next to it, which is what screen readers read."""
    from django.utils.html import escape

    if not items:
        return ""
    top = max(n for _, n in items) or 1
    label_width, gap = 150, 6
    height = len(items) * (bar + gap)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, n) in enumerate(items):
        y = i * (bar + gap)
        length = (width - label_width - 50) * n / top
        text_y = y + bar * 0.72
        parts.append(
            f'<text x="{label_width - 8}" y="{text_y}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" rx="3"></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{text_y}">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def anniversaries(year: int, affiliations=None) -> list[tuple[int, object]]:
    """(years, affiliation) for those reaching 5, 10, 15 … years within fiscal year `year`."""
    from datetime import date

    affiliations = affiliations if affiliations is not None else Affiliation.objects.all()
    found = []
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    for affiliation in affiliations.filter(signed_on__isnull=False).exclude(status="ended"):
        signed = affiliation.signed_on
        for day_year in (start.year, end.year):
            try:
                day = signed.replace(year=day_year)
            except ValueError:  # 29 February
                day = signed.replace(year=day_year, day=28)
            age = day_year - signed.year
            if start <= day <= end and age > 0 and age % 5 == 0:
                found.append((age, affiliation))
    return sorted(found, key=lambda item: (-item[0], item[1].pk))


def exchanges_by_field_and_year(affiliations=None) -> tuple[list[int], list[dict]]:
    """Exchanges counted by field (rows) and fiscal year (columns)."""
    from glocal.partners.models import Exchange, Field
    from glocal.wareki import fiscal_year

    exchanges = Exchange.objects.all()
    if affiliations is not None:
        exchanges = exchanges.filter(affiliation__in=affiliations)
    counts = Counter((e.field or "other", fiscal_year(e.started_on)) for e in exchanges)
    years = sorted({year for _, year in counts})
    rows = [
        {"field": label, "counts": [counts[(value, year)] for year in years]}
        for value, label in Field.choices
        if any(counts[(value, year)] for year in years)
    ]
    return years, rows


def to_xlsx(affiliations=None) -> bytes:
    """The statistics as a workbook with native Excel charts, for reports to the assembly."""
    import io

    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    sheet = book.active
    sheet.title = _("By country")[:31]
    sheet.append([_("Country"), _("Code"), *(str(k.label) for k in Kind), _("Total")])
    countries = by_country(affiliations)
    for c in countries:
        sheet.append([c["name"], c["code"], *(c[k] for k in Kind.values), c["total"]])
    if countries:
        chart = BarChart()
        chart.type = "bar"
        chart.title = _("Affiliations by country")
        rows = min(len(countries), 15) + 1
        chart.add_data(Reference(sheet, min_col=7, min_row=1, max_row=rows), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows))
        sheet.add_chart(chart, "J2")
    decades = book.create_sheet(_("By decade signed")[:31])
    decades.append([_("Decade"), _("Affiliations")])
    for label, n in by_decade(affiliations):
        decades.append([label, n])
    if decades.max_row > 1:
        chart = BarChart()
        chart.title = _("Affiliations by decade signed")
        chart.add_data(
            Reference(decades, min_col=2, min_row=1, max_row=decades.max_row), titles_from_data=True
        )
        chart.set_categories(Reference(decades, min_col=1, min_row=2, max_row=decades.max_row))
        decades.add_chart(chart, "D2")
    prefectures = book.create_sheet(_("By prefecture")[:31])
    prefectures.append([_("Prefecture"), _("Affiliations")])
    for name, n in by_prefecture(affiliations):
        prefectures.append([name, n])
    for written in book.worksheets:  # as every export: no cell read back as a formula
        exports.guard_sheet(written)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
