"""What trade offers the rest of the platform (see glocal.core.registry): derived plan
indicators, the country profile's section on import restrictions, a public link."""

from datetime import date

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from glocal.core.registry import country_section, market_factor, offer_indicator, public_link
from glocal.orgs.models import Organisation
from glocal.trade import queries
from glocal.trade.models import PromotionProject
from glocal.wareki import fiscal_year_dates

MEASURES = (("trade.MeasureVersion", lambda version: version.measure.owner_id),)
PROJECTS = (("trade.PromotionProject", lambda project: project.owner_id),)


def _prefecture_code(organisation_id: int) -> str | None:
    organisation = Organisation.objects.select_related("local_government__prefecture").get(
        pk=organisation_id
    )
    place = organisation.local_government
    if place is None:
        return None
    return place.code if place.is_prefecture else place.prefecture.code


@offer_indicator(
    "trade.restricting_countries",
    "Countries and regions keeping import restrictions on the prefecture's products",
    MEASURES,
)
def restricting_countries(organisation_id: int, fiscal_year: int):
    """On the last day of the fiscal year, over the public measures and the organisation's own
    (the figure is a fact about the world, whoever recorded the measure)."""
    prefecture = _prefecture_code(organisation_id)
    _start, end = fiscal_year_dates(fiscal_year)
    versions = queries.organisation_versions(organisation_id)
    found = sorted(queries.countries_on(versions, end, prefecture)) if prefecture else []
    return len(found), f"countries on {end.isoformat()}: {' '.join(found) or '-'}"


def _projects(organisation_id: int, fiscal_year: int):
    return PromotionProject.objects.filter(
        owner_id=organisation_id, starts_on__range=fiscal_year_dates(fiscal_year)
    )


@offer_indicator("trade.promotion_projects", "Export-promotion projects held", PROJECTS)
def promotion_projects(organisation_id: int, fiscal_year: int):
    found = _projects(organisation_id, fiscal_year)
    return found.count(), f"projects {sorted(found.values_list('pk', flat=True))}"


def _total(field: str):
    def compute(organisation_id: int, fiscal_year: int):
        found = _projects(organisation_id, fiscal_year)
        total = found.aggregate(n=Sum(field))["n"] or 0
        return total, f"projects {sorted(found.values_list('pk', flat=True))}"

    return compute


offer_indicator(
    "trade.negotiations", "Business negotiations at export-promotion projects", PROJECTS
)(_total("negotiations"))
offer_indicator("trade.contracts", "Contracts from export-promotion projects", PROJECTS)(
    _total("contracts")
)

public_link(gettext_lazy("Import restrictions on Japanese products"), "public_trade", order=50)


@country_section(
    "trade.restrictions",
    gettext_lazy("Import restrictions on Japanese products"),
    "trade/country_section.html",
    order=30,
)
def current_measures(actor, country, on: date | None = None):
    """The country's measures in force today, or None when it has none."""
    found = queries.matching(
        queries.in_force(queries.visible_versions(actor), on or timezone.localdate()),
        country=country.code,
    )
    return {"country": country, "measures": found} if found else None


RESTRICTION_POINTS = -15  # a market closed to some of the prefecture's products


@market_factor("trade.restrictions", gettext_lazy("Import restrictions in force"))
def restrictions_in_force(prefecture, countries):
    """A country with public measures in force today on any product of the prefecture
    loses points; the reason names the kinds of measure and what they cover."""
    found = queries.matching(
        queries.in_force(queries.public_versions(), timezone.localdate()),
        prefecture=prefecture.code,
    )
    by_country: dict[str, list] = {}
    for item in found:
        if item.measure.country.code in countries:
            by_country.setdefault(item.measure.country.code, []).append(item)
    return {
        code: (
            RESTRICTION_POINTS,
            _("%(n)s measures in force on products of %(prefecture)s: %(kinds)s")
            % {
                "n": len(items),
                "prefecture": prefecture.name,
                "kinds": ", ".join(sorted({i.measure.get_kind_display() for i in items})),
            },
        )
        for code, items in by_country.items()
    }
