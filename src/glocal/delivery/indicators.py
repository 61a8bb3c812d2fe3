"""What delivery offers to plans as derived indicators (see glocal.plans.derived)."""

from glocal.delivery.models import Subscriber
from glocal.plans.derived import fiscal_year_dates, offer


@offer(
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
