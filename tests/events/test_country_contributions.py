"""What events add to a country's profile and a prefecture's focus-market score."""

from datetime import timedelta

import pytest
from django.utils import timezone

from glocal.core import registry
from glocal.orgs.actors import Actor
from glocal.places.models import Country, LocalGovernment

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_taipei(make_event):
    past = timezone.now() - timedelta(days=40)
    return make_event(
        kind="expo_booth",
        title={"ja": "台北の食品見本市", "en": "Taipei food expo"},
        starts_at=past.isoformat(),
        ends_at=(past + timedelta(hours=8)).isoformat(),
        timezone="Asia/Taipei",
        venue_country=Country.objects.get(code="TW"),
    )


def test_a_public_event_abroad_scores_for_its_country(in_taipei):
    factor = registry.MARKET_FACTORS["events.held_there"]
    scored = factor.score(LocalGovernment.objects.get(code="070009"), {"TW", "KR"})
    assert set(scored) == {"TW"}
    assert scored["TW"][0] == 3
    assert factor.score(LocalGovernment.objects.get(code="060003"), {"TW"}) == {}


def test_the_country_section_lists_events_the_reader_may_see(in_taipei, outsider):
    section = registry.COUNTRY_SECTIONS["events.held_there"]
    taiwan = Country.objects.get(code="TW")
    shown = section.build(Actor(via="test"), taiwan)  # anonymous: the event is public
    assert shown["rows"][0][0] in ("台北の食品見本市", "Taipei food expo")
    in_taipei.is_public = False
    in_taipei.save()
    assert section.build(Actor(user=outsider, via="test"), taiwan) is None
    assert section.build(Actor(via="test"), Country.objects.get(code="KR")) is None
