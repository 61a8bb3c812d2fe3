"""What notices offer to plans as derived indicators (see glocal.plans.derived)."""

from glocal.notices.models import Notice
from glocal.plans.derived import fiscal_year_dates, offer


@offer(
    "notices.published",
    "Notices published for residents",
    (("notices.Notice", lambda notice: notice.owner_id),),
)
def notices_published(organisation_id: int, fiscal_year: int):
    found = Notice.objects.filter(
        owner_id=organisation_id,
        first_published_at__date__range=fiscal_year_dates(fiscal_year),
    )
    return found.count(), f"notices {sorted(found.values_list('pk', flat=True))}"
