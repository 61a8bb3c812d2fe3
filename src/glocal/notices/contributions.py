"""What notices offer the rest of the platform (see glocal.core.registry)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from glocal.core.registry import (
    DashboardItem,
    dashboard_item,
    offer_indicator,
    offer_subscription_topics,
    public_link,
)
from glocal.notices.models import Category, Notice
from glocal.orgs import scoping
from glocal.orgs.models import Role
from glocal.wareki import fiscal_year_dates


@offer_indicator(
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


public_link(gettext_lazy("Notices for residents"), "portal:start", order=10)


@dashboard_item
def notices_to_act_on(actor, organisation):
    """Editors approve (someone else's) drafts and publish approved notices."""
    if not actor.has_role(organisation.pk, Role.EDITOR):
        return []
    notices = scoping.visible(Notice.objects.filter(owner=organisation), actor)
    url = reverse("notices:list")
    return [
        DashboardItem(
            _("Notices awaiting approval"), notices.filter(status=Notice.Status.DRAFT).count(), url
        ),
        DashboardItem(
            _("Approved notices not yet published"),
            notices.filter(status=Notice.Status.APPROVED).count(),
            url,
        ),
    ]


# Residents subscribe to notices by category (delivery's subscription pages).
offer_subscription_topics(Category.values)
