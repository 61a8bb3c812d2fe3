"""Which measures applied on a date: to a product from a prefecture in a market, to anything
from a prefecture, and how many countries and regions had any. Reads go through scoping."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from glocal.orgs import scoping
from glocal.orgs.actors import Actor
from glocal.trade import hs
from glocal.trade.models import Measure, MeasureVersion


@dataclass(frozen=True)
class InForce:
    """A measure as it stood on a date: the version in force and until when it holds."""

    measure: Measure
    version: MeasureVersion
    until: date | None  # the next change's date, or the day it was lifted, or None


def visible_versions(actor: Actor):
    measures = scoping.visible(Measure.objects.all(), actor)
    return MeasureVersion.objects.filter(measure__in=measures).select_related(
        "measure__country", "measure__owner"
    )


def public_versions():
    """What anyone may read: public measures (for feeds, alerts and public pages)."""
    return MeasureVersion.objects.filter(measure__is_public=True).select_related(
        "measure__country", "measure__owner"
    )


def organisation_versions(organisation_id: int):
    """What the organisation's members see: public measures and the organisation's own (the
    derived indicators run without a signed-in actor)."""
    return MeasureVersion.objects.filter(
        Q(measure__is_public=True) | Q(measure__owner_id=organisation_id)
    ).select_related("measure__country", "measure__owner")


def _chains(versions) -> dict[int, list[MeasureVersion]]:
    """Each measure's effective versions in date order: of versions with the same start, the
    last recorded (a correction) stands."""
    by_start: dict[tuple[int, date], MeasureVersion] = {}
    for version in versions.order_by("effective_from", "number"):
        by_start[(version.measure_id, version.effective_from)] = version
    chains: dict[int, list[MeasureVersion]] = defaultdict(list)
    for version in by_start.values():
        chains[version.measure_id].append(version)
    return chains


def _until(chain: list[MeasureVersion], index: int) -> date | None:
    version = chain[index]
    following = chain[index + 1].effective_from if index + 1 < len(chain) else None
    ends = [d for d in (version.effective_to, following) if d is not None]
    return min(ends) if ends else None


def in_force(versions, on: date) -> list[InForce]:
    """The measures in force on `on`, one entry per measure."""
    found = []
    for chain in _chains(versions.filter(effective_from__lte=on)).values():
        # Versions starting after `on` were filtered out, so the last one is the one in force.
        version = chain[-1]
        if version.effective_to is None or version.effective_to > on:
            found.append(InForce(version.measure, version, None))
    return _with_until(versions, found)


def _with_until(versions, found: list[InForce]) -> list[InForce]:
    if not found:
        return []
    chains = _chains(versions.filter(measure_id__in=[f.measure.pk for f in found]))
    result = []
    for item in found:
        chain = chains[item.measure.pk]
        index = next(i for i, v in enumerate(chain) if v.pk == item.version.pk)
        result.append(InForce(item.measure, item.version, _until(chain, index)))
    return sorted(result, key=lambda f: (f.measure.country.code, f.measure.kind, f.measure.pk))


def matching(
    items: list[InForce],
    country: str | None = None,
    prefecture: str | None = None,
    products: tuple[str, ...] | None = None,
) -> list[InForce]:
    """Narrow by ISO code, prefecture code and HS codes (at any level, either way round)."""
    return [
        item
        for item in items
        if (not country or item.measure.country.code == country)
        and (not prefecture or item.version.covers_prefecture(prefecture))
        and (not products or hs.overlaps(item.version.products, products))
    ]


def change_dates(versions, start: date | None = None, end: date | None = None) -> list[date]:
    dates = set(versions.values_list("effective_from", flat=True))
    dates |= set(versions.exclude(effective_to=None).values_list("effective_to", flat=True))
    return sorted(d for d in dates if (start is None or d >= start) and (end is None or d <= end))


def countries_on(versions, on: date, prefecture: str | None = None) -> set[str]:
    return {
        item.measure.country.code for item in matching(in_force(versions, on), None, prefecture)
    }


def count_by_date(versions, start=None, end=None, prefecture=None) -> list[tuple[date, int]]:
    """For each date on which some measure changed: how many countries and regions had any
    measure in force (on products of `prefecture`, when given)."""
    dates = change_dates(versions, start, end)
    if start is not None and (not dates or dates[0] != start):
        dates.insert(0, start)
    return [(d, len(countries_on(versions, d, prefecture))) for d in dates]


def history(measure: Measure) -> list[InForce]:
    """Every version recorded, oldest first, each with the date it held until."""
    versions = list(measure.versions.select_related("recorded_by").order_by("number"))
    chain = _chains(measure.versions.all())[measure.pk]
    until = {v.pk: _until(chain, i) for i, v in enumerate(chain)}
    ordered = sorted(versions, key=lambda v: (v.effective_from, v.number))
    return [InForce(measure, v, until.get(v.pk, v.effective_from)) for v in ordered]


def alerting_countries():
    """Countries and regions that appear in public measures: what one may follow."""
    from glocal.places.models import Country

    ids = public_versions().values_list("measure__country_id", flat=True)
    return Country.objects.filter(pk__in=ids).order_by("code")
