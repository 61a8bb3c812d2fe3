"""Indicators the system computes from its own records, with provenance.

Apps offer computations through `glocal.core.registry.offer_indicator` (from their
`contributions.py`): a key, a label, a function of (organisation id, fiscal year) returning
(value, provenance), and the models whose changes alter the figure. `recompute(indicator, fy)`
stores the value as that year's actual, saying which records were counted and when; a change to
a watched record recomputes its organisation's plans in a background task after the commit.
"""

import logging

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from glocal import wareki
from glocal.core import registry
from glocal.core.registry import Computation

logger = logging.getLogger(__name__)

REGISTRY = registry.INDICATORS  # what the apps offer, read by the importer and the pages


def watch() -> None:
    """Recompute plans when the records a computation counts change, one by one or in bulk."""
    registry.discover()
    registry.records_written.connect(
        _written_in_bulk, weak=False, dispatch_uid="plans-derived-records-written"
    )
    for computation in REGISTRY.values():
        for label, owner_of in computation.watches:
            model = apps.get_model(label)
            for signal in (post_save, post_delete):
                signal.connect(
                    _watcher(owner_of),
                    sender=model,
                    weak=False,
                    dispatch_uid=f"plans-derived-{computation.key}-{label}-{signal}",
                )


def _written_in_bulk(sender, organisation_id, **kwargs):
    label = sender._meta.label
    if any(label == watched for c in REGISTRY.values() for watched, _owner in c.watches):
        schedule(organisation_id)


def _watcher(owner_of):
    def changed(sender, instance, **kwargs):
        try:
            owner_id = owner_of(instance)
        except ObjectDoesNotExist:  # deleted along with its parent, whose signal counts
            return
        if owner_id:
            schedule(owner_id)

    return changed


def schedule(organisation_id: int) -> None:
    """Recompute the organisation's plans once the current transaction commits; an import of
    two thousand rows schedules one task, not two thousand."""
    connection = transaction.get_connection()
    # Django keeps the callbacks of the open transaction here and drops them on rollback.
    if any(
        getattr(callback, "recompute_owner", None) == organisation_id
        for _ids, callback, _robust in connection.run_on_commit
    ):
        return

    def enqueue():
        from glocal.plans import tasks

        enqueue.recompute_owner = None  # done: a later change schedules anew
        tasks.recompute_owner.enqueue(organisation_id)

    enqueue.recompute_owner = organisation_id
    transaction.on_commit(enqueue)


def _store(indicator, fiscal_year: int, computation: Computation, counted: tuple):
    from glocal.plans.models import Actual

    value, provenance, *marked = counted
    now = timezone.localtime()
    actual, _created = Actual.objects.update_or_create(
        indicator=indicator,
        fiscal_year=fiscal_year,
        defaults={
            "value": value,
            "provenance": f"{computation.label}: {provenance}; computed {now:%Y-%m-%d %H:%M}",
            # A count of sample figures is itself a sample, shown as such on every page.
            "sample": bool(marked and marked[0]),
            "entered_by": None,
        },
    )
    return actual


def _locked(plan, fiscal_year: int) -> bool:
    return plan.locks.filter(fiscal_year=fiscal_year).exists()


def recompute(indicator, fiscal_year: int):
    """Store the computed value as the year's actual (unless the year is locked)."""
    plan = indicator.node.plan
    if _locked(plan, fiscal_year):
        return None
    computation = REGISTRY[indicator.derived]
    counted = computation.compute(plan.owner_id, fiscal_year)
    return _store(indicator, fiscal_year, computation, counted)


@transaction.atomic
def recompute_plan(plan, fiscal_year: int, counted_only: bool = False) -> int:
    """Every derived indicator of the plan for one year, all or none; each computation runs
    once however many indicators use it. A computation no app offers any more (an app
    removed) is skipped and logged, not fatal to the others. With `counted_only`, a zero is
    not stored: for a past year whose records were never kept here, zero is not a figure."""
    from glocal.plans.models import Indicator

    if _locked(plan, fiscal_year):
        return 0
    counted: dict[str, tuple] = {}
    done = 0
    for indicator in Indicator.objects.filter(node__plan=plan).exclude(derived=""):
        computation = REGISTRY.get(indicator.derived)
        if computation is None:
            logger.warning("indicator %s: no computation %r", indicator.pk, indicator.derived)
            continue
        if computation.key not in counted:
            counted[computation.key] = computation.compute(plan.owner_id, fiscal_year)
        if counted_only and not counted[computation.key][0]:
            continue
        _store(indicator, fiscal_year, computation, counted[computation.key])
        done += 1
    return done


def recompute_owner(organisation_id: int) -> int:
    """After a change: this fiscal year, and every open year already computed, of the
    organisation's plans with derived indicators. Earlier years are computed only when someone
    asks (a year before the records were kept here would count as zero)."""
    from glocal.plans.models import Actual, Plan

    this_year = wareki.fiscal_year(timezone.localdate())
    done = 0
    plans = Plan.objects.filter(owner_id=organisation_id, nodes__indicators__derived__gt="")
    for plan in plans.distinct():
        computed = Actual.objects.filter(indicator__node__plan=plan, indicator__derived__gt="")
        years = set(computed.values_list("fiscal_year", flat=True))
        if plan.start_fy <= this_year <= plan.end_fy:
            years.add(this_year)
        locked = set(plan.locks.values_list("fiscal_year", flat=True))
        for year in sorted(years - locked):
            done += recompute_plan(plan, year)
    return done
