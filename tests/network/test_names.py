"""Names folded across scripts: kana, romaji (Hepburn, Kunrei, passport), width, word order."""

import pytest
from django.utils import translation

from glocal.network.duplicates import Entry, Index
from glocal.network.names import email_key, name_keys


@pytest.mark.parametrize(
    "written",
    ["さとう たろう", "サトウ タロウ", "ｻﾄｳ ﾀﾛｳ", "Sato Taro", "SATOH Tarou", "Tarō Satō",
     "ＳＡＴＯ　ＴＡＲＯ", "taro sato", "Satou Tarou"],
)  # fmt: skip
def test_kana_romaji_and_width_variants_share_a_key(written):
    assert name_keys(written) == {"satotaro"}


def test_kunrei_and_hepburn_agree_but_foreign_names_stay_apart():
    assert name_keys("Ono Siniti") == name_keys("Ohno Shinichi")
    assert name_keys("Tsuchiya") == name_keys("Tutiya")
    assert name_keys("John Smith") != name_keys("Jon Smith")
    assert name_keys("佐藤 太郎") == name_keys("佐藤太郎") != name_keys("佐藤 次郎")


def test_the_index_needs_the_same_country_or_organisation_besides_the_name():
    index = Index()
    index.add(Entry(1, "person", "", name_keys("佐藤太郎", "さとうたろう"), 10, {"acme"}))
    same_country = Entry(2, "person", "", name_keys("Sato Taro"), 10)
    same_org = Entry(3, "person", "", name_keys("SATOH TAROU"), 11, {"acme"})
    elsewhere = Entry(4, "person", "", name_keys("Sato Taro"), 11)
    assert index.match(same_country).ref == 1
    with translation.override("ja"):  # the reason is worded in the reader's language
        assert "同じ所属（acme）" in index.match(same_org).reason
    assert index.match(elsewhere) is None
    by_mail = Entry(5, "person", email_key(" Taro@Example.COM "), {"x"}, None)
    index.add(Entry(6, "person", "taro@example.com", {"y"}, None))
    assert index.match(by_mail).ref == 6


def test_the_same_reading_in_different_kanji_is_two_people():
    index = Index()
    index.add(Entry(1, "person", "", name_keys("佐藤 太郎", "さとう たろう"), 10))
    other_kanji = Entry(2, "person", "", name_keys("佐藤 多郎", "サトウ タロウ"), 10)
    romaji_only = Entry(3, "person", "", name_keys("Sato Taro"), 10)
    assert index.match(other_kanji) is None
    assert index.match(romaji_only).ref == 1
