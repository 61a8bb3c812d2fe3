"""Derived plan indicators from the statistics: the Yamagata demo plan's foreign overnight
stays per fiscal year."""

from pathlib import Path

import pytest

from glocal.core import registry
from glocal.markets.models import FocusMarket
from glocal.plans import derived, importer
from glocal.plans.models import Indicator
from tests.markets.conftest import monthly

PLAN = Path(__file__).resolve().parents[2] / "src/glocal/plans/data"


@pytest.fixture
def yamagata_stays(load_figures, other_org):
    rows = monthly("overnight_stays", "TW", "060003", 2023, [100] * 12)
    rows += monthly("overnight_stays", "US", "060003", 2023, [10] * 12)
    rows += monthly("overnight_stays", "TW", "060003", 2024, [200] * 3)  # Jan–Mar 2024
    rows += monthly("overnight_stays", "TW", "070009", 2023, [999] * 12)  # another prefecture
    rows += monthly("visitor_arrivals", "TW", "", 2023, [5000] * 12)
    return load_figures(rows, other_org, sample=True)


def test_the_yamagata_plan_derives_its_overnight_stays(yamagata_stays, other_org):
    path = PLAN / "yamagata_international_strategy.yaml"
    checked, done = importer.import_file(path.read_bytes(), path.name, other_org.pk)
    assert done is not None, checked.problems
    indicator = Indicator.objects.get(node__plan=done.plan, code="Y-04")
    assert indicator.derived == "markets.overnight_stays"
    actual = derived.recompute(indicator, 2023)
    # FY2023: April–December 2023 (9 × 110) and January–March 2024 (3 × 200).
    assert actual.value == 9 * 110 + 3 * 200
    assert "2023-04–2024-03, 12 months (sample figures)" in actual.provenance
    assert actual.sample  # shown as a sample on the plan's pages, not as a real figure


def test_a_count_of_real_figures_is_not_a_sample(load_figures, other_org):
    load_figures(monthly("overnight_stays", "TW", "060003", 2023, [100] * 12), other_org)
    path = PLAN / "yamagata_international_strategy.yaml"
    checked, done = importer.import_file(path.read_bytes(), path.name, other_org.pk)
    assert done is not None, checked.problems
    indicator = Indicator.objects.get(node__plan=done.plan, code="Y-04")
    actual = derived.recompute(indicator, 2023)
    assert (actual.value, actual.sample) == (900, False)


def test_arrivals_from_the_focus_markets(yamagata_stays, other_org):
    compute = registry.INDICATORS["markets.focus_market_arrivals"].compute
    assert compute(other_org.pk, 2023)[0] == 0  # no focus market chosen
    FocusMarket.objects.create(owner=other_org, country="TW")
    assert compute(other_org.pk, 2023)[0] == 9 * 5000  # April–December 2023 only
