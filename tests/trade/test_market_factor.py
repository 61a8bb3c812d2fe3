"""What trade adds to a prefecture's focus-market score, through the registry."""

import pytest

from glocal.core import registry
from glocal.places.models import LocalGovernment
from glocal.trade import services

pytestmark = pytest.mark.django_db


def test_a_market_restricting_the_prefectures_products_loses_points(
    home_org, editor, actor_for, measure_data
):
    services.record(actor_for(editor), home_org.pk, measure_data(country="CN", products="水産物"))
    services.record(
        actor_for(editor),
        home_org.pk,
        measure_data(country="TW", start="2011-03-25", end="2022-02-21"),
    )  # lifted: no longer counts
    factor = registry.MARKET_FACTORS["trade.restrictions"]
    fukushima = LocalGovernment.objects.get(code="070009")
    scored = factor.score(fukushima, {"CN", "TW", "US"})
    assert set(scored) == {"CN"}
    points, reason = scored["CN"]
    assert points == -15
    assert "福島県" in reason
    yamagata = LocalGovernment.objects.get(code="060003")
    assert factor.score(yamagata, {"CN"}) == {}  # the measure covers Fukushima only
