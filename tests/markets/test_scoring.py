"""Focus-market scores: the factors, hand-computed, add up; weights apply; any factor an app
registers takes part."""

import pytest
from django.utils import translation

from glocal.core import registry
from glocal.markets import scoring
from glocal.markets.models import FactorWeight
from glocal.places.models import LocalGovernment

MARKETS = (
    "markets.flow_size",
    "markets.growth",
    "markets.location_quotient",
    "markets.seasonal_fit",
)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def only_markets_factors(monkeypatch):
    """The factors of this app, plus a fake one another app might register."""
    kept = {key: f for key, f in registry.MARKET_FACTORS.items() if key in MARKETS}
    monkeypatch.setattr(registry, "MARKET_FACTORS", kept)

    @registry.market_factor("test.ties", "Ties")
    def ties(prefecture, countries):
        return {"TW": (2.5, "a fake tie"), "FR": (1.0, "another fake tie")}

    return kept


def _by_country(ranked):
    return {item["country"]: item for item in ranked}


def test_the_factors_match_the_hand_computed_example_and_add_up(
    yamagata_markets, only_markets_factors
):
    ranked = scoring.rank(LocalGovernment.objects.get(code="060003"))
    found = _by_country(ranked)
    points = {c: {f["name"]: f["points"] for f in item["factors"]} for c, item in found.items()}
    # Taiwan: 1,200 stays (the top market) → 30; 960 → 1,200 is +25 % → 5; share 2/3 of the
    # prefecture against 1/2 of Japan → LQ 1.33 → 13.3; 75 % of arrivals in the quiet months
    # (January–June) → 7.5; the fake tie 2.5.
    assert points["TW"] == {
        "markets.flow_size": 30.0,
        "markets.growth": 5.0,
        "markets.location_quotient": 13.3,
        "markets.seasonal_fit": 7.5,
        "test.ties": 2.5,
    }
    assert found["TW"]["score"] == 58.3
    # The United States: 600 → 15; 720 → 600 is −16.7 % → −3.3; LQ 0.67 → 6.7; 50 % → 5.
    assert points["US"] == {
        "markets.flow_size": 15.0,
        "markets.growth": -3.3,
        "markets.location_quotient": 6.7,
        "markets.seasonal_fit": 5.0,
    }
    assert found["US"]["score"] == 23.4
    assert found["FR"]["score"] == 1.0  # known only to the fake factor
    assert [item["country"] for item in ranked] == ["TW", "US", "FR"]
    for item in ranked:
        assert item["score"] == round(sum(f["points"] for f in item["factors"]), 1)
    reasons = " ".join(f["reason"] for f in found["TW"]["factors"])
    assert "1,200 overnight stays in the 12 months to 2025-12" in reasons
    assert "quiet months (1, 2, 3, 4, 5, 6)" in reasons


def test_an_organisations_weights_change_the_points_and_say_so(
    yamagata_markets, only_markets_factors, home_org
):
    FactorWeight.objects.create(owner=home_org, factor="markets.flow_size", weight=2)
    FactorWeight.objects.create(owner=home_org, factor="test.ties", weight=0)
    ranked = scoring.rank(
        LocalGovernment.objects.get(code="060003"), scoring.weights_of(home_org.pk)
    )
    found = _by_country(ranked)
    size = next(f for f in found["TW"]["factors"] if f["name"] == "markets.flow_size")
    assert size["points"] == 60.0
    assert "(weight 2.0)" in size["reason"]
    assert found["TW"]["score"] == 85.8
    assert "FR" not in found  # its only factor weighs nothing


def test_a_prefecture_without_figures_scores_nothing(only_markets_factors, db):
    monkeypatched = {k: v for k, v in registry.MARKET_FACTORS.items() if k != "test.ties"}
    registry.MARKET_FACTORS.clear()
    registry.MARKET_FACTORS.update(monkeypatched)
    assert scoring.rank(LocalGovernment.objects.get(code="070009")) == []
