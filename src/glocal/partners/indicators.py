"""What partnerships offer to plans as derived indicators (see glocal.plans.derived)."""

from django.db.models import Sum

from glocal.partners.models import Affiliation, Exchange
from glocal.plans.derived import fiscal_year_dates, offer

AFFILIATIONS = (("partners.Affiliation", lambda affiliation: affiliation.owner_id),)
EXCHANGES = (("partners.Exchange", lambda exchange: exchange.affiliation.owner_id),)


@offer("partners.active_affiliations", "Active sister and friendship affiliations", AFFILIATIONS)
def active_affiliations(organisation_id: int, fiscal_year: int):
    """Affiliations signed by the end of the year and not ended before it began."""
    start, end = fiscal_year_dates(fiscal_year)
    found = Affiliation.objects.filter(owner_id=organisation_id, signed_on__lte=end).exclude(
        status=Affiliation.Status.ENDED, ended_on__lt=start
    )
    return found.count(), f"affiliations {sorted(found.values_list('pk', flat=True))}"


def _exchanges(organisation_id: int, fiscal_year: int):
    return Exchange.objects.filter(
        affiliation__owner_id=organisation_id, started_on__range=fiscal_year_dates(fiscal_year)
    )


@offer("partners.exchanges", "Exchange activities in the fiscal year", EXCHANGES)
def exchanges(organisation_id: int, fiscal_year: int):
    found = _exchanges(organisation_id, fiscal_year)
    return found.count(), f"exchanges {sorted(found.values_list('pk', flat=True))}"


@offer("partners.exchange_participants", "Participants in exchange activities", EXCHANGES)
def exchange_participants(organisation_id: int, fiscal_year: int):
    found = _exchanges(organisation_id, fiscal_year)
    total = found.aggregate(n=Sum("participants"))["n"] or 0
    return total, f"exchanges {sorted(found.values_list('pk', flat=True))}"
