"""What the desk offers the rest of the platform (see glocal.core.registry).

Plan indicators count the cases of the organisation's own desk and of the desks of the
international associations serving the same place (a prefecture's plan counts its association's
consultations): aggregate counts only, never a case.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from glocal.core.registry import DashboardItem, dashboard_item, offer_indicator, public_link
from glocal.desk import access, statistics
from glocal.desk.models import Case
from glocal.orgs.models import Organisation
from glocal.wareki import fiscal_year_dates

ASSOCIATION = Organisation.Kind.INTERNATIONAL_ASSOCIATION


def desks(organisation_id: int) -> list[int]:
    """The organisation, and the international associations of its place."""
    place = (
        Organisation.objects.filter(pk=organisation_id)
        .values_list("local_government_id", flat=True)
        .first()
    )
    found = {organisation_id}
    if place is not None:
        found |= set(
            Organisation.objects.filter(kind=ASSOCIATION, local_government_id=place).values_list(
                "pk", flat=True
            )
        )
    return sorted(found)


def _plan_owner(case: Case) -> int:
    """Whose plans a case changes: the government its association serves, else its own."""
    owner = case.owner
    if owner.kind == ASSOCIATION and owner.local_government_id:
        government = (
            Organisation.objects.filter(local_government_id=owner.local_government_id)
            .exclude(kind=ASSOCIATION)
            .values_list("pk", flat=True)
            .first()
        )
        return government or owner.pk
    return owner.pk


CASES = (("desk.Case", _plan_owner),)


def _cases(organisation_id: int, fiscal_year: int):
    start, end = fiscal_year_dates(fiscal_year)
    return Case.objects.filter(owner_id__in=desks(organisation_id), received_on__range=(start, end))


@offer_indicator("desk.consultations", "Consultations at the multilingual desk", CASES)
def consultations(organisation_id: int, fiscal_year: int):
    found = _cases(organisation_id, fiscal_year)
    return found.count(), f"desk cases of organisations {desks(organisation_id)}"


@offer_indicator("desk.languages", "Languages handled at the consultation desk", CASES)
def languages_handled(organisation_id: int, fiscal_year: int):
    found = sorted(set(_cases(organisation_id, fiscal_year).values_list("language", flat=True)))
    return len(found), f"languages {found}"


@offer_indicator(
    "desk.answered_within_days",
    f"Share of consultations answered within {statistics.REPLY_DAYS} days (%)",
    CASES,
)
def answered_within(organisation_id: int, fiscal_year: int):
    pairs = _cases(organisation_id, fiscal_year).values_list("received_at", "first_reply_at")
    total = within = 0
    for received, replied in pairs:
        total += 1
        if replied is not None and (replied - received).days < statistics.REPLY_DAYS:
            within += 1
    share = round(100 * within / total, 1) if total else 0
    return share, f"{within} of {total} cases answered within {statistics.REPLY_DAYS} days"


public_link(gettext_lazy("Ask the consultation desk"), "portal_desk_start", order=15)


@dashboard_item
def follow_ups_due(actor, organisation):
    if not access.is_desk_member(actor, organisation.pk):
        return []
    due = statistics.overdue_follow_ups(organisation.pk)
    return [DashboardItem(_("Consultations due for follow-up"), due, reverse("desk:cases"))]
