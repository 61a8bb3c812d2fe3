"""What the network offers the rest of the platform (see glocal.core.registry): derived plan
indicators and a dashboard line. "Reached" counts a contact a mailing was addressed to in the
fiscal year and that did not fail; "delivered" counts what the outbox reported sent."""

from django.urls import reverse
from django.utils.translation import gettext as _

from glocal.core.registry import DashboardItem, dashboard_item, offer_indicator
from glocal.network.models import Category, Contact, Mailing, OrganisationType, Recipient
from glocal.wareki import fiscal_year_dates

MAILINGS = (
    ("network.Mailing", lambda mailing: mailing.owner_id),
    ("network.Contact", lambda contact: contact.owner_id),
)


def _reached(organisation_id: int, fiscal_year: int):
    return Recipient.objects.filter(
        mailing__owner_id=organisation_id,
        mailing__sent_at__date__range=fiscal_year_dates(fiscal_year),
    ).exclude(status=Recipient.Status.FAILED)


@offer_indicator(
    "network.associations_in_contact",
    "Overseas prefectural associations in contact in the fiscal year",
    MAILINGS,
)
def associations_in_contact(organisation_id: int, fiscal_year: int):
    """Associations a mailing reached, themselves or through one of their people."""
    reached = _reached(organisation_id, fiscal_year).values("contact_id")
    found = Contact.objects.filter(
        owner_id=organisation_id, organisation_type=OrganisationType.ASSOCIATION
    ).filter(pk__in=reached) | Contact.objects.filter(
        owner_id=organisation_id,
        organisation_type=OrganisationType.ASSOCIATION,
        people__person_id__in=reached,
    )
    ids = sorted(set(found.values_list("pk", flat=True)))
    return len(ids), f"associations {ids}"


@offer_indicator("network.jet_alumni_reached", "JET alumni reached by mailings", MAILINGS)
def jet_alumni_reached(organisation_id: int, fiscal_year: int):
    reached = _reached(organisation_id, fiscal_year).filter(
        contact__categories__has=Category.JET, contact__facts__jet__alumnus="yes"
    )
    ids = sorted(set(reached.values_list("contact_id", flat=True)))
    return len(ids), f"contacts {ids}"


@offer_indicator("network.mailings_sent", "Mailings sent in the fiscal year", MAILINGS)
def mailings_sent(organisation_id: int, fiscal_year: int):
    found = Mailing.objects.filter(
        owner_id=organisation_id, sent_at__date__range=fiscal_year_dates(fiscal_year)
    ).exclude(status=Mailing.Status.DRAFT)
    return found.count(), f"mailings {sorted(found.values_list('pk', flat=True))}"


@offer_indicator("network.mailings_delivered", "Mailing messages delivered", MAILINGS)
def mailings_delivered(organisation_id: int, fiscal_year: int):
    found = _reached(organisation_id, fiscal_year).filter(status=Recipient.Status.SENT)
    return (
        found.count(),
        f"recipients of mailings {sorted(set(found.values_list('mailing_id', flat=True)))}",
    )


@dashboard_item
def mailings_in_draft(actor, organisation):
    drafts = Mailing.objects.filter(owner=organisation, status=Mailing.Status.DRAFT)
    return [DashboardItem(_("Mailings not yet sent"), drafts.count(), reverse("network:mailings"))]
