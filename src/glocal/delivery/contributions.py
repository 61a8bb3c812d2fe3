"""What delivery offers the rest of the platform (see glocal.core.registry)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from glocal.core.registry import DashboardItem, dashboard_item, offer_indicator, worker_sweep
from glocal.delivery import outbox
from glocal.delivery.models import Delivery, Subscriber
from glocal.orgs.models import Role
from glocal.wareki import fiscal_year_dates


@offer_indicator(
    "delivery.subscribers",
    "Residents subscribed to e-mail notices",
    (("delivery.Subscriber", lambda subscriber: subscriber.owner_id),),
)
def subscribers(organisation_id: int, fiscal_year: int):
    """Confirmed subscribers at the end of the fiscal year (addresses are not named)."""
    _start, end = fiscal_year_dates(fiscal_year)
    found = Subscriber.objects.filter(
        owner_id=organisation_id, confirmed_at__isnull=False, confirmed_at__date__lte=end
    ).count()
    return found, f"{found} confirmed subscribers"


@dashboard_item
def deliveries_running(actor, organisation):
    """The organisation's deliveries still finding subscribers or sending."""
    if not actor.has_role(organisation.pk, Role.VIEWER):
        return []
    running = Delivery.objects.filter(
        owner=organisation,
        status__in=(Delivery.Status.PLANNING, Delivery.Status.SENDING),
    )
    return [DashboardItem(_("Deliveries being sent"), running.count(), reverse("notices:list"))]


# Every worker takes over the deliveries a killed worker left, at start and then periodically.
worker_sweep(outbox.sweep)
