from datetime import date

import pytest

from glocal.orgs.actors import Actor
from glocal.trade import hs, queries
from glocal.trade.models import Measure, MeasureVersion

FUKUSHIMA, MIYAGI, YAMAGATA = "070009", "040002", "060003"
ANYONE = Actor(via="test")


def applies(on, prefecture=None, product=None, country=None):
    versions = queries.visible_versions(ANYONE)
    asked = hs.resolve(product) if product else None
    return [
        item.measure.country.code
        for item in queries.matching(queries.in_force(versions, on), country, prefecture, asked)
    ]


@pytest.mark.django_db
def test_changes_are_named_tightened_eased_lifted(hong_kong):
    measure = Measure.objects.get()
    changes = [v.change for v in queries.history(measure) for v in [v.version]]
    assert changes == ["imposed", "tightened", "eased", "lifted"]


@pytest.mark.django_db
def test_query_by_date_across_tightening_easing_and_lifting(hong_kong):
    # Before the measure, under it, tightened (Miyagi and fish in), eased, lifted.
    assert applies(date(2011, 3, 1), FUKUSHIMA, "0702") == []
    assert applies(date(2012, 1, 1), FUKUSHIMA, "0702") == ["HK"]
    assert applies(date(2012, 1, 1), MIYAGI, "0702") == []
    assert applies(date(2012, 1, 1), FUKUSHIMA, "水産物") == []
    assert applies(date(2013, 4, 1), MIYAGI, "0302") == ["HK"]
    assert applies(date(2013, 4, 1), FUKUSHIMA, "水産物") == ["HK"]
    assert applies(date(2018, 7, 26), MIYAGI, "0302") == []
    assert applies(date(2018, 7, 26), FUKUSHIMA, "07") == ["HK"]
    assert applies(date(2019, 12, 31), FUKUSHIMA, "0702") == ["HK"]
    assert applies(date(2020, 1, 1), FUKUSHIMA, "0702") == []
    assert applies(date(2013, 4, 1), YAMAGATA) == []


@pytest.mark.django_db
def test_codes_match_at_any_level_either_way(home_org, editor, actor_for, measure_data):
    from glocal.trade import services

    services.record(actor_for(editor), home_org.pk, measure_data(products="03", country="CN"))
    services.record(actor_for(editor), home_org.pk, measure_data(products="0709.54", country="TW"))
    on = date(2012, 1, 1)
    assert applies(on, FUKUSHIMA, "0301") == ["CN"]  # chapter measure, heading question
    assert applies(on, FUKUSHIMA, "07") == ["TW"]  # subheading measure, chapter question
    assert applies(on, FUKUSHIMA, "0702") == []
    assert applies(on, FUKUSHIMA, "きのこ") == ["TW"]


@pytest.mark.django_db
def test_count_by_date_falls_as_measures_lift(hong_kong):
    counted = dict(queries.count_by_date(queries.visible_versions(ANYONE)))
    assert counted[date(2011, 3, 24)] == 1
    assert counted[date(2020, 1, 1)] == 0


@pytest.mark.django_db
def test_importing_the_same_version_again_records_nothing(
    hong_kong, editor, actor_for, measure_data
):
    from glocal.trade import services

    before = MeasureVersion.objects.count()
    again = measure_data(
        prefectures="福島県", products="野菜", start="2018-07-26", end="2020-01-01"
    )
    assert services.record(actor_for(editor), hong_kong.pk, again) is None
    assert MeasureVersion.objects.count() == before


@pytest.mark.django_db
def test_outsiders_cannot_record(home_org, outsider, actor_for, measure_data):
    from django.core.exceptions import PermissionDenied

    from glocal.trade import services

    with pytest.raises(PermissionDenied):
        services.record(actor_for(outsider), home_org.pk, measure_data())
    assert not Measure.objects.exists()


@pytest.mark.django_db
def test_restriction_indicator_is_derived_for_the_prefecture(
    hong_kong, measure_data, editor, actor_for
):
    from glocal.core import registry
    from glocal.trade import services

    registry.discover()
    compute = registry.INDICATORS["trade.restricting_countries"].compute
    services.record(actor_for(editor), hong_kong.pk, measure_data(country="CN", start="2011-04-08"))
    assert compute(hong_kong.pk, 2012)[0] == 2  # HK and CN on 31 March 2013
    assert compute(hong_kong.pk, 2019)[0] == 1  # HK lifted on 1 January 2020
    assert "CN" in compute(hong_kong.pk, 2019)[1]


def test_fukushima_demo_plan_derives_the_restriction_indicator():
    from pathlib import Path

    import glocal

    plan = Path(glocal.__file__).parent / "plans" / "data" / "fukushima_international_plan.yaml"
    assert "derived: trade.restricting_countries" in plan.read_text("utf-8")
