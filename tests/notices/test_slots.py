"""Slot values written in each language: dates and times through Babel, names from registries."""

from datetime import date, time

import pytest
from django.utils import translation

from glocal import languages
from glocal.notices.slots import SlotError, localise, parse

pytestmark = pytest.mark.django_db

SATURDAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("tag", "written"),
    [
        ("ja", "11月21日（土曜日）"),
        ("ja-x-easy", "11月21日（土曜日）"),
        ("en", "Saturday, November 21, 2026"),
        ("ko", "2026년 11월 21일 토요일"),
        ("vi", "Thứ Bảy, 21 tháng 11, 2026"),
        ("pt", "sábado, 21 de novembro de 2026"),
        ("zh-Hans", "2026年11月21日星期六"),
    ],
)
def test_dates_per_language(tag, written):
    assert localise("date", SATURDAY, languages.get(tag)) == written


@pytest.mark.parametrize(
    ("tag", "written"),
    [
        ("ja", "午後3時30分"),
        ("ja-x-easy", "午後3時30分"),
        ("en", "3:30\u202fPM"),
        ("ko", "오후 3:30"),
    ],
)
def test_times_per_language(tag, written):
    assert localise("time", time(15, 30), languages.get(tag)) == written


def test_places_by_their_name_in_each_language_or_romanised(place):
    aizu = place("072028")
    assert localise("place", aizu, languages.get("ja")) == "会津若松市"
    assert localise("place", aizu, languages.get("ko")) == aizu.names["ko"]
    # 会津美里町 has no names listed: the romanised name stands in
    misato = place("074471")
    assert misato.names == {}
    assert localise("place", misato, languages.get("th")) == misato.name_en


def test_facilities_by_name_or_romanised_kana(shelter):
    assert localise("facility", shelter, languages.get("ko")) == "쓰루가조 체육관"
    assert localise("facility", shelter, languages.get("vi")) == "Tsurugajo Taiikukan"
    assert localise("facility", shelter, languages.get("ja-x-easy")) == "鶴ヶ城体育館"


def test_numbers_per_locale():
    assert localise("number", 12345, languages.get("en")) == "12,345"
    assert localise("number", 12345, languages.get("es")) == "12.345"


def test_dates_accept_era_forms():
    assert parse("date", "date", "R8.11.21") == SATURDAY
    assert parse("date", "date", "令和8年11月21日") == SATURDAY


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("date", "2026-02-30", "not a real date"),
        ("time", "25:00", "not a time"),
        ("place", "999999", "no local government"),
        ("facility", "nowhere", "no facility"),
        ("phone", "call me", "not a telephone number"),
        ("url", "javascript:alert(1)", "not a web address"),
        ("number", "-3", "not a whole number"),
    ],
)
def test_bad_values_name_the_slot(kind, raw, message):
    with translation.override("en"), pytest.raises(SlotError) as error:
        parse("my_slot", kind, raw)
    assert error.value.slot == "my_slot"
    assert message in str(error.value)
