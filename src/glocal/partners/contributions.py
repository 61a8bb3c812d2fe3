"""What partnerships offer the rest of the platform (see glocal.core.registry)."""

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from glocal.core.registry import DashboardItem, dashboard_item, offer_indicator, public_link
from glocal.orgs.models import Role
from glocal.partners.models import Affiliation, Exchange, PartnerRequest
from glocal.wareki import fiscal_year_dates

AFFILIATIONS = (("partners.Affiliation", lambda affiliation: affiliation.owner_id),)
EXCHANGES = (("partners.Exchange", lambda exchange: exchange.affiliation.owner_id),)


@offer_indicator(
    "partners.active_affiliations", "Active sister and friendship affiliations", AFFILIATIONS
)
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


@offer_indicator("partners.exchanges", "Exchange activities in the fiscal year", EXCHANGES)
def exchanges(organisation_id: int, fiscal_year: int):
    found = _exchanges(organisation_id, fiscal_year)
    return found.count(), f"exchanges {sorted(found.values_list('pk', flat=True))}"


@offer_indicator("partners.exchange_participants", "Participants in exchange activities", EXCHANGES)
def exchange_participants(organisation_id: int, fiscal_year: int):
    found = _exchanges(organisation_id, fiscal_year)
    total = found.aggregate(n=Sum("participants"))["n"] or 0
    return total, f"exchanges {sorted(found.values_list('pk', flat=True))}"


public_link(gettext_lazy("Sister-city affiliations"), "public_partners", order=20)
public_link(gettext_lazy("Foreign governments seeking a partner"), "public_partner_requests", 30)


@dashboard_item
def requests_to_approve(actor, organisation):
    """Administrators approve the partner requests their organisation entered."""
    if not actor.has_role(organisation.pk, Role.ADMIN):
        return []
    pending = PartnerRequest.objects.filter(
        owner=organisation, status=PartnerRequest.Status.PENDING
    )
    return [
        DashboardItem(
            _("Partner requests awaiting approval"), pending.count(), reverse("partners:requests")
        )
    ]
