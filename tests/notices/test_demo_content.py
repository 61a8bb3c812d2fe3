"""The demo notices are plausible for the day they are loaded."""

from datetime import date

from glocal.notices.demo import _notices


def _by_category(today):
    return {category: slots for _publish, category, _s, _m, _p, slots in _notices(today)}


def test_no_heatstroke_alert_in_november():
    notices = _by_category(date(2026, 11, 25))
    assert "heat" not in notices
    assert "disease" in notices


def test_heatstroke_alert_in_summer():
    assert "heat" in _by_category(date(2026, 7, 20))


def test_the_shelter_opens_after_the_quake_not_at_its_minute():
    notices = _by_category(date(2026, 11, 25))
    assert notices["shelter"]["time"] > notices["earthquake"]["time"]
    assert "facility" not in notices["earthquake"]
