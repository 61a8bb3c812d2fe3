"""Indicators the system computes from its own records, with provenance.

Each app offers computations in this registry: a key, a label and a function of (organisation
id, fiscal year) returning (value, provenance). `recompute(indicator, fy)` stores the value as
that year's actual, saying which records were counted and when.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone


@dataclass(frozen=True)
class Computation:
    key: str
    label: str
    compute: object  # (organisation_id, fiscal_year) -> (value, provenance)


REGISTRY: dict[str, Computation] = {}


def offer(key: str, label: str):
    def register(function):
        REGISTRY[key] = Computation(key, label, function)
        return function

    return register


def _year(fiscal_year: int) -> tuple[date, date]:
    return date(fiscal_year, 4, 1), date(fiscal_year + 1, 3, 31)


@offer("partners.active_affiliations", "Active sister and friendship affiliations")
def active_affiliations(organisation_id: int, fiscal_year: int):
    from glocal.partners.models import Affiliation

    start, end = _year(fiscal_year)
    found = Affiliation.objects.filter(owner_id=organisation_id, signed_on__lte=end).exclude(
        status=Affiliation.Status.ENDED, ended_on__lt=start
    )
    return found.count(), f"affiliations {sorted(found.values_list('pk', flat=True))}"


@offer("partners.exchanges", "Exchange activities in the fiscal year")
def exchanges(organisation_id: int, fiscal_year: int):
    from glocal.partners.models import Exchange

    start, end = _year(fiscal_year)
    found = Exchange.objects.filter(
        affiliation__owner_id=organisation_id, started_on__range=(start, end)
    )
    return found.count(), f"exchanges {sorted(found.values_list('pk', flat=True))}"


@offer("partners.exchange_participants", "Participants in exchange activities")
def exchange_participants(organisation_id: int, fiscal_year: int):
    from django.db.models import Sum

    from glocal.partners.models import Exchange

    start, end = _year(fiscal_year)
    found = Exchange.objects.filter(
        affiliation__owner_id=organisation_id, started_on__range=(start, end)
    )
    total = found.aggregate(n=Sum("participants"))["n"] or 0
    return total, f"exchanges {sorted(found.values_list('pk', flat=True))}"


@offer("notices.published", "Notices published for residents")
def notices_published(organisation_id: int, fiscal_year: int):
    from glocal.notices.models import Notice

    start, end = _year(fiscal_year)
    found = Notice.objects.filter(
        owner_id=organisation_id, first_published_at__date__range=(start, end)
    )
    return found.count(), f"notices {sorted(found.values_list('pk', flat=True))}"


@offer("delivery.subscribers", "Residents subscribed to e-mail notices")
def subscribers(organisation_id: int, fiscal_year: int):
    from glocal.delivery.models import Subscriber

    _start, end = _year(fiscal_year)
    found = Subscriber.objects.filter(
        owner_id=organisation_id, confirmed_at__isnull=False, confirmed_at__date__lte=end
    )
    return found.count(), f"{found.count()} confirmed subscribers"


def recompute(indicator, fiscal_year: int):
    """Store the computed value as the year's actual (unless the year is locked)."""
    from glocal.plans.models import Actual, YearLock

    computation = REGISTRY[indicator.derived]
    plan = indicator.node.plan
    if YearLock.objects.filter(plan=plan, fiscal_year=fiscal_year).exists():
        return None
    value, provenance = computation.compute(plan.owner_id, fiscal_year)
    now = timezone.now()
    actual, _created = Actual.objects.update_or_create(
        indicator=indicator,
        fiscal_year=fiscal_year,
        defaults={
            "value": value,
            "provenance": f"{computation.label}: {provenance}; computed {now:%Y-%m-%d %H:%M}",
            "sample": False,
        },
    )
    return actual
