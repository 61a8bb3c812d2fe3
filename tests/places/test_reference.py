import pytest

from glocal.places.models import Country, LocalGovernment, Subdivision
from glocal.places.reference import load_reference

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "name", "kana", "kind", "prefecture"),
    [
        ("011002", "札幌市", "さっぽろし", "city", "北海道"),
        ("072028", "会津若松市", "あいづわかまつし", "city", "福島県"),
        ("131016", "千代田区", "ちよだく", "special_ward", "東京都"),
    ],
)
def test_pinned_municipalities(code, name, kana, kind, prefecture):
    place = LocalGovernment.objects.get(code=code)
    assert (place.name, place.kana, place.kind, place.prefecture.name) == (
        name,
        kana,
        kind,
        prefecture,
    )


def test_fukushima_prefecture_with_coordinates_of_its_capital():
    fukushima = LocalGovernment.objects.get(code="070009")
    assert fukushima.name == "福島県"
    assert fukushima.name_en == "Fukushima Prefecture"
    assert fukushima.is_prefecture
    assert 37.7 < fukushima.latitude < 37.8
    assert 140.4 < fukushima.longitude < 140.5


def test_counts_of_todays_local_governments():
    current = LocalGovernment.objects.current()
    assert current.prefectures().count() == 47
    # 792 cities, 743 towns, 183 villages and 23 special wards.
    assert current.municipalities().exclude(kind="ward").count() == 1741
    assert current.filter(kind="ward").count() == 171


def test_every_code_passes_its_check_digit():
    from glocal.places import codes

    assert all(
        codes.is_valid(code) for code in LocalGovernment.objects.values_list("code", flat=True)
    )


def test_wards_belong_to_their_designated_city():
    ward = LocalGovernment.objects.get(name="札幌市中央区")
    assert ward.parent.code == "011002"
    assert ward.prefecture.name == "北海道"
    assert ward.name_en == "Chuo Ward, Sapporo"


def test_hamamatsu_2024_reorganisation_is_applied():
    hamamatsu = LocalGovernment.objects.get(code="221309")
    current = set(hamamatsu.wards.filter(abolished_on__isnull=True).values_list("name", flat=True))
    assert current == {"浜松市中央区", "浜松市浜名区", "浜松市天竜区"}
    assert str(LocalGovernment.objects.get(name="浜松市西区").abolished_on) == "2024-01-01"


def test_same_name_in_four_prefectures():
    towns = LocalGovernment.objects.filter(name="池田町")
    assert sorted(t.prefecture.name for t in towns) == ["北海道", "岐阜県", "福井県", "長野県"]


@pytest.mark.parametrize(
    "query",
    [
        "会津若松",
        "あいづわかまつ",
        "アイヅワカマツ",
        "aizuwakamatsu",
        "ＡＩＺＵＷＡＫＡＭＡＴＳＵ",
        "072028",
        "07202",
    ],
)
def test_search_by_name_kana_romaji_or_code(query):
    assert "072028" in LocalGovernment.objects.search(query).values_list("code", flat=True)


def test_second_load_changes_nothing():
    report = load_reference(progress=False)
    assert not report.changed, report


def test_load_repairs_an_edited_row():
    LocalGovernment.objects.filter(code="072028").update(name="会津若松")
    report = load_reference(progress=False)
    assert report.updated["LocalGovernment"] == 1
    assert LocalGovernment.objects.get(code="072028").name == "会津若松市"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("米国", "US"),
        ("アメリカ", "US"),
        ("アメリカ合衆国", "US"),
        ("中国", "CN"),
        ("韓国", "KR"),
        ("大韓民国", "KR"),
        ("英国", "GB"),
        ("イギリス", "GB"),
        ("台湾", "TW"),
        ("ベトナム", "VN"),
        ("Vietnam", "VN"),
        ("ジョージア", "GE"),
        ("USA", "US"),
        ("us", "US"),
        ("DEU", "DE"),
    ],
)
def test_countries_by_the_names_offices_write(query, code):
    assert list(Country.objects.search(query).values_list("code", flat=True)) == [code]


def test_country_names_in_both_languages():
    korea = Country.objects.get(code="KR")
    assert (korea.name_ja, korea.name_en) == ("大韓民国", "South Korea")


def test_subdivisions_with_japanese_names():
    iowa = Subdivision.objects.get(code="US-IA")
    assert (iowa.name, iowa.name_ja, iowa.country.code) == ("Iowa", "アイオワ州", "US")
    assert Subdivision.objects.filter(country__code="JP").count() == 47
