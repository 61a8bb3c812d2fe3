"""What plans offer the rest of the platform (see glocal.core.registry)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from glocal import wareki
from glocal.core.registry import DashboardItem, dashboard_item, public_link
from glocal.orgs import scoping
from glocal.orgs.models import Role
from glocal.plans.models import Actual, Indicator, Plan

public_link(gettext_lazy("Plans and their progress"), "public_plans", order=40)


@dashboard_item
def actuals_missing(actor, organisation):
    """Typed indicators of the organisation's plans with no actual for the last finished
    fiscal year: what the review for the assembly is waiting for."""
    if not actor.has_role(organisation.pk, Role.EDITOR):
        return []
    year = wareki.fiscal_year(timezone.localdate()) - 1
    plans = scoping.visible(Plan.objects.filter(owner=organisation), actor).filter(
        start_fy__lte=year, end_fy__gte=year
    )
    items = []
    for plan in plans.order_by("pk"):
        entered = Actual.objects.filter(indicator=OuterRef("pk"), fiscal_year=year)
        missing = (
            Indicator.objects.filter(node__plan=plan, derived="").exclude(Exists(entered)).count()
        )
        label = _("Indicators of “%(plan)s” without an actual for %(year)s") % {
            "plan": plan.title,
            "year": wareki.fiscal_year_label(year),
        }
        url = reverse("plans:actuals", args=[plan.pk, year])
        items.append(DashboardItem(label, missing, url))
    return items
