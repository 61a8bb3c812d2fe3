"""What the markets pages show, built once for the staff page, the public page and the XLSX:
an organisation's markets overview and its profile of one country."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from glocal.markets import charts, flows, periods, profile, scoring
from glocal.markets import series as reading
from glocal.markets.models import (
    EXPORT_VALUE,
    OVERNIGHT_STAYS,
    VISITOR_ARRIVALS,
    Measure,
)
from glocal.places.models import Country

MONTHS_SHOWN = 24


def prefecture_of(organisation):
    place = organisation.local_government
    if place is None:
        return None
    return place if place.is_prefecture else place.prefecture


@dataclass
class Panel:
    """One measure for the country: a chart, its table, growth and seasonality."""

    key: str
    title: str
    chart: str = ""
    rows: list = field(default_factory=list)  # (period, value, a year earlier, status)
    growth: list = field(default_factory=list)  # (years, from year, to year, percent)
    seasonality: list = field(default_factory=list)  # (month, share %)
    sample: bool = False


def _measure_id(key: str) -> int | None:
    return Measure.objects.filter(key=key, owner__isnull=True).values_list("pk", flat=True).first()


def panel(actor, key: str, title: str, **cells) -> Panel | None:
    points = reading.series(actor, _measure_id(key), kind=periods.MONTH, **cells)
    if not points:
        return None
    by_period = {p.period: p for p in points}
    shown = points[-MONTHS_SHOWN:]
    rows = []
    for point in shown:
        earlier = by_period.get(periods.previous_year(periods.parse(point.period)).label)
        rows.append((point.period, point.value, earlier.value if earlier else None, point.status))
    label = _("%(title)s by month, with the same month a year earlier") % {"title": title}
    found = Panel(key, title, charts.monthly([r[:3] for r in rows], label), rows)
    found.sample = any(p.sample for p in points)
    found.growth = _growth(points)
    found.seasonality = _seasonality(points)
    return found


def _growth(points) -> list[tuple]:
    """Growth of complete calendar years over 3 and 5 years."""
    totals, months = defaultdict(float), defaultdict(int)
    for point in points:
        totals[point.start.year] += point.value
        months[point.start.year] += 1
    complete = sorted(year for year, n in months.items() if n == 12)
    if not complete:
        return []
    last = complete[-1]
    found = []
    for years in (3, 5):
        first = last - years
        if months.get(first) == 12 and totals[first]:
            change = 100 * (totals[last] - totals[first]) / totals[first]
            found.append((years, first, last, round(change, 1)))
    return found


def _seasonality(points) -> list[tuple[int, float]]:
    """Each month's share of the year, over the latest 36 months."""
    recent = points[-36:]
    total = sum(p.value for p in recent)
    if not total or len(recent) < 12:
        return []
    by_month = defaultdict(float)
    for point in recent:
        by_month[point.start.month] += point.value
    return [(m, round(100 * by_month[m] / total, 1)) for m in range(1, 13)]


def country_profile(actor, organisation, country) -> dict:
    prefecture = prefecture_of(organisation)
    code = prefecture.code if prefecture else ""
    panels = [
        panel(actor, VISITOR_ARRIVALS, _("Visitor arrivals to Japan"), country=country.code),
        panel(actor, OVERNIGHT_STAYS, _("Overnight stays in the prefecture"),
              country=country.code, prefecture=code) if code else None,
        panel(actor, EXPORT_VALUE, _("Exports from the prefecture (yen)"),
              country=country.code, prefecture=code) if code else None,
    ]  # fmt: skip
    panels = [p for p in panels if p is not None]
    score = None
    if prefecture is not None:
        ranked = scoring.rank(prefecture, scoring.weights_of(organisation.pk))
        score = next((item for item in ranked if item["country"] == country.code), None)
        if score is not None:
            score["rank"] = ranked.index(score) + 1
            score["of"] = len(ranked)
    return {
        "organisation": organisation,
        "prefecture": prefecture,
        "country": country,
        "panels": panels,
        "score": score,
        "sections": profile.build(actor, country),
        "has_samples": any(p.sample for p in panels),
    }


def overview(actor, organisation) -> dict:
    """The prefecture's markets: foreign stays by country over the latest 12 months, and the
    focus-market ranking."""
    prefecture = prefecture_of(organisation)
    if prefecture is None:
        return {"organisation": organisation, "prefecture": None}
    found = flows.of(prefecture.code)
    total = found.total
    names = dict(Country.objects.filter(code__in=list(found.stays)).values_list("code", "name_ja"))
    top = sorted(found.stays.items(), key=lambda item: -item[1])[:15]
    markets = [
        {"code": c, "name": names.get(c, c), "stays": v, "share": round(100 * v / total, 1)}
        for c, v in top
    ]
    ranked = scoring.rank(prefecture, scoring.weights_of(organisation.pk))
    samples = reading.figures(actor).filter(prefecture=prefecture.code, sample=True).exists()
    return {
        "organisation": organisation,
        "prefecture": prefecture,
        "end": found.end,
        "markets": markets,
        "markets_chart": charts.bars(
            [(m["name"], m["share"]) for m in markets], _("Share of foreign stays"), " %"
        ),
        "ranked": ranked,
        "has_samples": samples,
    }


def workbook_rows(context: dict) -> dict[str, list[list]]:
    """The profile's tables as sheets: one per measure, and the score."""
    sheets = {}
    for p in context["panels"]:
        rows = [["period", "value", "a year earlier", "status"], *map(list, p.rows)]
        rows += [[], ["growth over years", "from", "to", "percent"], *map(list, p.growth)]
        rows += [[], ["month", "share %"], *map(list, p.seasonality)]
        sheets[p.key[:31]] = rows
    score = context["score"]
    if score:
        sheets["score"] = (
            [["factor", "points", "reason"]]
            + [[f["label"], f["points"], f["reason"]] for f in score["factors"]]
            + [["total", score["score"], ""]]
        )
    return sheets or {"empty": [["no figures"]]}
