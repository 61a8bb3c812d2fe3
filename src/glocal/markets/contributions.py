"""What markets offers the rest of the platform (see glocal.core.registry): its four factors
of the focus-market score, derived plan indicators and its public link.

The factors, each from public statistics over the latest twelve months of the prefecture's
foreign overnight stays (see glocal.markets.flows):

- flow size (0–30): 30 × the country's stays / the stays of the prefecture's largest market.
- growth (−10…+20): one point per 5 % growth of the country's stays on the twelve months
  before, between −10 and +20.
- location quotient (0–20): 10 × (the country's share of the prefecture's foreign stays /
  its share of Japan's), at most 20: 10 when the prefecture draws the market as Japan does.
- seasonal fit (0–10): 10 × the share of the country's visitors to Japan arriving in the
  prefecture's six quietest months (by foreign stays): markets that fill the quiet months.

Points are rounded to one decimal.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from glocal.core.registry import market_factor, offer_indicator, public_link
from glocal.markets import flows as reading
from glocal.markets import periods
from glocal.markets.models import EXPORT_VALUE, OVERNIGHT_STAYS, VISITOR_ARRIVALS


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}" if whole else "0"


def _n(value: float) -> str:
    return f"{value:,.0f}"


@market_factor("markets.flow_size", gettext_lazy("Size of the flow"))
def flow_size(prefecture, countries) -> dict:
    flows = reading.of(prefecture.code)
    top = max(flows.stays.values(), default=0)
    if not top:
        return {}
    return {
        code: (
            round(30 * stays / top, 1),
            _(
                "%(stays)s overnight stays in the 12 months to %(end)s, %(share)s%% of the "
                "prefecture's foreign guests"
            )
            % {"stays": _n(stays), "end": flows.end.label, "share": _pct(stays, flows.total)},
        )
        for code, stays in flows.stays.items()
        if code in countries
    }


@market_factor("markets.growth", gettext_lazy("Growth"))
def growth(prefecture, countries) -> dict:
    flows = reading.of(prefecture.code)
    found = {}
    for code, stays in flows.stays.items():
        before = flows.before.get(code)
        if code not in countries or not before:
            continue
        change = 100 * (stays - before) / before
        found[code] = (
            round(max(-10.0, min(20.0, change / 5)), 1),
            _("%(change)s%% on the 12 months before (%(before)s → %(stays)s stays)")
            % {"change": f"{change:+.1f}", "before": _n(before), "stays": _n(stays)},
        )
    return found


@market_factor("markets.location_quotient", gettext_lazy("Location quotient"))
def location_quotient(prefecture, countries) -> dict:
    flows = reading.of(prefecture.code)
    japan_total = sum(flows.japan.values())
    if not flows.total or not japan_total:
        return {}
    found = {}
    for code, stays in flows.stays.items():
        japan = flows.japan.get(code)
        if code not in countries or not japan:
            continue
        quotient = (stays / flows.total) / (japan / japan_total)
        found[code] = (
            round(min(20.0, 10 * quotient), 1),
            _(
                "location quotient %(lq)s: %(here)s%% of the prefecture's foreign stays "
                "against %(japan)s%% in Japan"
            )
            % {
                "lq": f"{quotient:.2f}",
                "here": _pct(stays, flows.total),
                "japan": _pct(japan, japan_total),
            },
        )
    return found


def quiet_months(by_month: dict[int, float]) -> list[int]:
    """The six months with the fewest foreign stays (earlier months first on a tie)."""
    return sorted(sorted(range(1, 13), key=lambda m: (by_month.get(m, 0), m))[:6])


@market_factor("markets.seasonal_fit", gettext_lazy("Seasonal fit"))
def seasonal_fit(prefecture, countries) -> dict:
    flows = reading.of(prefecture.code)
    if len(flows.by_month) < 12:
        return {}  # a quiet season needs a whole year to be told
    quiet = quiet_months(flows.by_month)
    names = ", ".join(str(m) for m in quiet)
    found = {}
    for code, months in flows.arrivals_by_month.items():
        total = sum(months.values())
        if code not in countries or not total:
            continue
        share = sum(months.get(m, 0) for m in quiet) / total
        found[code] = (
            round(10 * share, 1),
            _(
                "%(share)s%% of this country's visitors to Japan arrive in the prefecture's "
                "quiet months (%(months)s)"
            )
            % {"share": f"{100 * share:.1f}", "months": names},
        )
    return found


# -- derived plan indicators --------------------------------------------------------------------

STATISTICS = (
    ("markets.StatisticImport", lambda job: job.owner_id),  # one save per import
    ("markets.FocusMarket", lambda focus: focus.owner_id),
)


def _prefecture_of(organisation_id: int) -> str:
    from glocal.orgs.models import Organisation

    place = (
        Organisation.objects.filter(pk=organisation_id)
        .select_related("local_government")
        .values_list("local_government__code", "local_government__prefecture__code")
        .first()
    )
    if not place or not place[0]:
        return ""
    return place[1] or place[0]


def _fiscal_year_total(organisation_id: int, fiscal_year: int, measure: str, **cells) -> tuple:
    """The sum over the fiscal year's months of one series, from the figures the organisation
    imported; with the months counted, so that a partial year says so."""
    from glocal.markets.models import Measure, Statistic
    from glocal.markets.series import FIELDS, best

    year = periods.fiscal_year(fiscal_year)
    measure_id = Measure.objects.filter(key=measure).values_list("pk", flat=True).first()
    rows = Statistic.objects.filter(
        owner_id=organisation_id,
        measure_id=measure_id,
        period_kind=periods.MONTH,
        period_start__range=(year.start, year.end),
        **cells,
    ).values_list("country", *FIELDS)
    by_country: dict[str, list] = {}
    for country, *rest in rows:
        by_country.setdefault(country, []).append(rest)
    points = [p for found in by_country.values() for p in best(found)]
    months = sorted({p.period for p in points})
    sample = any(p.sample for p in points)
    return sum(p.value for p in points), months, sample


def _provenance(months: list[str], sample: bool, what: str) -> str:
    note = " (sample figures)" if sample else ""
    span = f"{months[0]}–{months[-1]}, {len(months)} months" if months else "no figures"
    return f"{what}: {span}{note}"


@offer_indicator("markets.overnight_stays", "Foreign overnight stays in the prefecture", STATISTICS)
def overnight_stays(organisation_id: int, fiscal_year: int):
    """The prefecture's total row (country empty) if imported, else the sum by country."""
    code = _prefecture_of(organisation_id)
    total, months, sample = _fiscal_year_total(
        organisation_id, fiscal_year, OVERNIGHT_STAYS, prefecture=code, country=""
    )
    if not months:
        total, months, sample = _fiscal_year_total(
            organisation_id, fiscal_year, OVERNIGHT_STAYS, prefecture=code, country__gt=""
        )
    return total, _provenance(months, sample, f"overnight_stays {code}"), sample


def _focus_markets(organisation_id: int) -> list[str]:
    from glocal.markets.models import FocusMarket

    return list(
        FocusMarket.objects.filter(owner_id=organisation_id).values_list("country", flat=True)
    )


@offer_indicator(
    "markets.focus_market_arrivals", "Visitor arrivals from the focus markets", STATISTICS
)
def focus_market_arrivals(organisation_id: int, fiscal_year: int):
    """Japan's visitor arrivals from the organisation's focus markets (chosen on the scores
    page) over the fiscal year."""
    markets = _focus_markets(organisation_id)
    total, months, sample = _fiscal_year_total(
        organisation_id, fiscal_year, VISITOR_ARRIVALS, prefecture="", country__in=markets
    )
    return total, _provenance(months, sample, f"visitor_arrivals {','.join(markets)}"), sample


@offer_indicator("markets.focus_market_exports", "Export value to the focus markets", STATISTICS)
def focus_market_exports(organisation_id: int, fiscal_year: int):
    """Export value (all goods) from the prefecture to the focus markets over the year."""
    markets, code = _focus_markets(organisation_id), _prefecture_of(organisation_id)
    total, months, sample = _fiscal_year_total(
        organisation_id,
        fiscal_year,
        EXPORT_VALUE,
        prefecture=code,
        hs_code="",
        country__in=markets,
    )
    return total, _provenance(months, sample, f"export_value {code} {','.join(markets)}"), sample


public_link(gettext_lazy("Markets and statistics"), "public_markets", order=40)
