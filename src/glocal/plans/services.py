"""Entering actuals and locking years: all checked first, nothing half-written."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from glocal.orgs import scoping
from glocal.orgs.models import Role
from glocal.plans.models import Actual, Indicator, Plan, YearLock


def _check_year(plan: Plan, fiscal_year: int) -> None:
    if not plan.start_fy - 1 <= fiscal_year <= plan.end_fy:
        raise ValidationError(
            {"fiscal_year": _("FY%(fy)s is outside the plan (FY%(start)s–FY%(end)s).")
             % {"fy": fiscal_year, "start": plan.start_fy, "end": plan.end_fy}}
        )  # fmt: skip
    if YearLock.objects.filter(plan=plan, fiscal_year=fiscal_year).exists():
        raise ValidationError(
            {"fiscal_year": _("FY%(fy)s is locked after review.") % {"fy": fiscal_year}}
        )


@transaction.atomic
def enter_actuals(actor, plan: Plan, fiscal_year: int, values: dict) -> int:
    """values: indicator id → text as typed. Every value is checked before any is saved."""
    scoping.require(actor, plan.owner_id, Role.EDITOR)
    _check_year(plan, fiscal_year)
    indicators = {i.pk: i for i in Indicator.objects.filter(node__plan=plan)}
    problems, parsed = {}, {}
    for key, raw in values.items():
        indicator = indicators.get(int(key)) if str(key).isdigit() else None
        if indicator is None:
            problems[f"indicator {key}"] = _("not an indicator of this plan")
            continue
        if indicator.derived:
            problems[indicator.code] = _("computed from records; it is not entered")
            continue
        text = str(raw).strip().replace(",", "")
        if text == "":
            continue
        try:
            parsed[indicator] = float(text)
        except ValueError:
            problems[indicator.code] = _("%(value)r is not a number") % {"value": raw}
    if problems:
        raise ValidationError(problems)
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    for indicator, value in parsed.items():
        Actual.objects.update_or_create(
            indicator=indicator,
            fiscal_year=fiscal_year,
            defaults={"value": value, "entered_by": user, "sample": False},
        )
    return len(parsed)


def lock_year(actor, plan: Plan, fiscal_year: int) -> None:
    if not (actor.is_superuser or actor.has_role(plan.owner_id, Role.ADMIN)):
        raise PermissionDenied(_("Only administrators lock a fiscal year."))
    YearLock.objects.get_or_create(plan=plan, fiscal_year=fiscal_year)
