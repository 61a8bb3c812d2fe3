"""What partnerships contribute: the affiliations section of a country profile and the
sister-city factor of the focus-market score."""

from datetime import date

import pytest
from django.utils import translation

from glocal.core import registry
from glocal.orgs.actors import Actor
from glocal.orgs.models import Role
from glocal.partners.models import Affiliation, Exchange
from glocal.places.models import Country, ForeignLocalGovernment, LocalGovernment


@pytest.fixture
def taiwan_ties(home_org, other_org):
    taiwan = Country.objects.get(code="TW")
    tainan = ForeignLocalGovernment.objects.create(
        owner=other_org, country=taiwan, name_local="臺南市", name_en="Tainan"
    )
    taipei = ForeignLocalGovernment.objects.create(
        owner=other_org, country=taiwan, name_local="臺北市", name_en="Taipei"
    )
    yamagata = LocalGovernment.objects.get(code="060003")
    sakata = LocalGovernment.objects.get(code="062049")
    public = Affiliation.objects.create(
        owner=other_org, local_government=yamagata, partner=tainan, kind="friendship",
        signed_on=date(2016, 5, 1),
    )  # fmt: skip
    Affiliation.objects.create(  # the same pair recorded by another organisation
        owner=home_org, local_government=yamagata, partner=tainan, kind="friendship"
    )
    Affiliation.objects.create(
        owner=other_org, local_government=sakata, partner=taipei, kind="sister"
    )
    Affiliation.objects.create(
        owner=home_org, local_government=sakata, partner=tainan, kind="sister", is_public=False
    )
    Exchange.objects.create(
        affiliation=public, started_on=date.today(), direction="inbound", kind="delegation"
    )
    return yamagata


def test_sister_ties_count_public_pairs_once(taiwan_ties):
    factor = registry.MARKET_FACTORS["partners.sister_ties"]
    with translation.override("en"):
        points, reason = factor.score(taiwan_ties, {"TW", "US"})["TW"]
    assert points == 15  # the prefecture's own tie 10, Sakata's public one 5; the private none
    assert "2 sister or friendship ties" in reason
    assert factor.score(LocalGovernment.objects.get(code="070009"), {"TW"}) == {}


def test_the_section_shows_what_the_actor_may_see(taiwan_ties, home_org):
    section = registry.COUNTRY_SECTIONS["partners.affiliations"]
    taiwan = Country.objects.get(code="TW")
    with translation.override("en"):
        anyone = section.build(Actor(), taiwan)
        member = section.build(Actor(_roles={home_org.pk: Role.VIEWER}), taiwan)
    assert anyone["summary"] == "3 affiliations with Taiwan."
    assert [row[1] for row in anyone["rows"]] == ["Tainan", "Tainan", "Taipei", "Tainan"]
    assert anyone["rows"][-1][-1] == "exchange"  # this year's delegation
    assert member["summary"] == "4 affiliations with Taiwan."
    with translation.override("ja"):
        assert section.build(Actor(), taiwan)["summary"] == "台湾との提携は3件です。"
    assert section.build(Actor(), Country.objects.get(code="FR")) is None


def test_partners_are_named_in_the_readers_language(taiwan_ties, home_org):
    """On a Japanese page a partner's Japanese name, else its local name when written in
    kanji or kana; otherwise, and on an English page, its English name."""
    korea = Country.objects.get(code="KR")
    names = (("전주시", "", "Jeonju"), ("부산광역시", "釜山広域市", "Busan"))
    for name_local, name_ja, name_en in names:
        Affiliation.objects.create(
            owner=home_org, local_government=taiwan_ties, kind="friendship",
            partner=ForeignLocalGovernment.objects.create(
                owner=home_org, country=korea, name_local=name_local, name_ja=name_ja,
                name_en=name_en,
            ),
        )  # fmt: skip
    section = registry.COUNTRY_SECTIONS["partners.affiliations"]
    factor = registry.MARKET_FACTORS["partners.sister_ties"]
    taiwan = Country.objects.get(code="TW")
    with translation.override("ja"):
        assert {row[1] for row in section.build(Actor(), taiwan)["rows"]} == {"臺南市", "臺北市"}
        shown = {row[1] for row in section.build(Actor(), korea)["rows"]}
        _points, reason = factor.score(taiwan_ties, {"TW"})["TW"]
    assert shown == {"釜山広域市", "Jeonju"}  # Hangul is no name a Japanese reader reads
    assert "山形県–臺南市" in reason
    with translation.override("en"):
        assert {row[1] for row in section.build(Actor(), korea)["rows"]} == {"Busan", "Jeonju"}
        _points, reason = factor.score(taiwan_ties, {"TW"})["TW"]
    assert "山形県–Tainan" in reason
