"""Foreign regions as Japanese offices write them (相手州・省), resolved to ISO 3166-2."""

from collections import Counter

import pycountry
import pytest

from glocal.places.models import Subdivision, subdivision_names
from glocal.places.reference import subdivision_names_ja
from glocal.places.services import SubdivisionNames, resolve_subdivision
from glocal.places.text import name_key

pytestmark = pytest.mark.django_db

MOST_AFFILIATED = [
    "US",
    "CN",
    "KR",
    "AU",
    "CA",
    "BR",
    "FR",
    "DE",
    "NZ",
    "IT",
    "PH",
    "RU",
    "MX",
    "GB",
    "TH",
]


@pytest.mark.parametrize(
    ("country", "text", "code"),
    [
        ("US", "テキサス州", "US-TX"),
        ("CA", "オンタリオ州", "CA-ON"),
        ("CN", "遼寧省", "CN-LN"),
        ("KR", "京畿道", "KR-41"),
        ("AU", "クイーンズランド州", "AU-QLD"),
        ("BR", "サンパウロ州", "BR-SP"),
        # Without the administrative word, in full or half width, with or without ・ and ＝.
        ("US", "テキサス", "US-TX"),
        ("US", "ﾃｷｻｽ州", "US-TX"),
        ("CN", "遼寧", "CN-LN"),
        ("KR", "京畿", "KR-41"),
        ("AU", "クイーンズランド", "AU-QLD"),
        ("BR", "サン・パウロ州", "BR-SP"),
        ("US", "ニューヨーク", "US-NY"),
        ("CA", "ブリティッシュ・コロンビア州", "CA-BC"),
        ("CA", "ブリティッシュコロンビア州", "CA-BC"),
        ("CA", "ブリティッシュ＝コロンビア", "CA-BC"),
        ("AU", "ニュー・サウス・ウェールズ州", "AU-NSW"),
        ("AU", "ニューサウスウエールズ州", "AU-NSW"),
        ("DE", "ノルトライン＝ヴェストファーレン州", "DE-NW"),
        ("DE", "ノルトライン=ウェストファーレン州", "DE-NW"),
        ("DE", "ノルトライン・ヴェストファーレン", "DE-NW"),
        ("FR", "イル＝ド＝フランス地域圏", "FR-IDF"),
        ("FR", "イル・ド・フランス", "FR-IDF"),
        ("KR", "ソウル特別市", "KR-11"),
        ("KR", "ソウル", "KR-11"),
        ("KR", "ソウル市", "KR-11"),
        ("KR", "釜山広域市", "KR-26"),
        ("CN", "広東", "CN-GD"),
        ("CN", "内モンゴル自治区", "CN-NM"),
        ("CN", "重慶市", "CN-CQ"),
        ("CN", "香港", "CN-HK"),
        ("US", "バージニア州", "US-VA"),
        ("US", "ヴァージニア州", "US-VA"),
        ("US", "ワシントンD.C.", "US-DC"),
        ("US", "ワシントン州", "US-WA"),
        ("RU", "モスクワ", "RU-MOW"),
        ("RU", "モスクワ州", "RU-MOS"),
        ("RU", "沿海地方", "RU-PRI"),
        ("TH", "チェンマイ県", "TH-50"),
        ("TH", "チエンマイ", "TH-50"),
        ("TH", "ランプーン県", "TH-51"),
        ("IT", "ロンバルディア州", "IT-25"),
        ("PH", "セブ州", "PH-CEB"),
        ("GB", "ハンプシャー州", "GB-HAM"),
        ("MX", "メキシコ", "MX-MEX"),
        ("MX", "メキシコシティ", "MX-CMX"),
        # English names, ISO codes with and without the country.
        ("US", "Texas", "US-TX"),
        ("US", "TEXAS", "US-TX"),
        ("US", "TX", "US-TX"),
        ("US", "us-tx", "US-TX"),
        ("KR", "Gyeonggi-do", "KR-41"),
        ("KR", "Gyeonggi Province", "KR-41"),
        ("CN", "Guangdong Sheng", "CN-GD"),
        ("BR", "Sao Paulo", "BR-SP"),
        ("GB", "Wales", "GB-WLS"),
    ],
)
def test_regions_as_offices_write_them(country, text, code):
    subdivision = resolve_subdivision(country, text)
    assert subdivision is not None, text
    assert subdivision.code == code


@pytest.mark.parametrize(
    ("country", "text"),
    [
        ("US", "ニューサウスウェールズ州"),  # in Australia, not the United States
        ("US", "オンタリオ州"),
        ("CN", "アトランティス省"),
        ("KR", ""),
        ("RU", "アルタイ"),  # both the republic and the krai: the importer must ask
    ],
)
def test_unknown_or_ambiguous_region_is_none(country, text):
    assert resolve_subdivision(country, text) is None


def test_bulk_names_resolve_many_rows_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        names = SubdivisionNames(["US", "CN", "KR"])
        found = [
            names.resolve(country, text)
            for country, text in [("US", "テキサス"), ("CN", "遼寧省"), ("KR", "京畿道")] * 100
        ]
    assert {s.code for s in found} == {"US-TX", "CN-LN", "KR-41"}
    assert names.resolve("AU", "クイーンズランド州") is None  # not loaded: none, not a query


def test_every_code_in_the_table_is_an_iso_code():
    assert all(pycountry.subdivisions.get(code=code) for code in subdivision_names_ja())


def test_table_names_are_loaded_over_the_catalogue():
    texas = Subdivision.objects.get(code="US-TX")
    assert (texas.name, texas.name_ja) == ("Texas", "テキサス州")
    # pycountry's catalogue gives Lamphun the name of Lampang; the table corrects it.
    assert Subdivision.objects.get(code="TH-51").name_ja == "ランプーン県"


@pytest.mark.parametrize("country", ["US", "CN", "KR", "AU", "CA", "BR", "DE", "NZ", "MX"])
def test_every_first_level_subdivision_has_a_japanese_name(country):
    first_level = Subdivision.objects.filter(country__code=country, parent=None)
    assert first_level.count() >= 8
    assert list(first_level.filter(name_ja="").values_list("code", flat=True)) == []
    assert set(first_level.values_list("code", flat=True)) <= set(subdivision_names_ja())


@pytest.mark.parametrize(
    ("country", "level_count"),
    [("FR", 13), ("IT", 20), ("PH", 17), ("TH", 78), ("RU", 83), ("GB", 4)],
)
def test_the_level_offices_write_is_covered_in_multi_tier_countries(country, level_count):
    named = Subdivision.objects.filter(country__code=country, parent=None).exclude(name_ja="")
    assert named.count() >= level_count


@pytest.mark.parametrize("country", MOST_AFFILIATED)
def test_no_two_subdivisions_of_a_country_share_a_whole_name(country):
    owners: dict[str, set[str]] = {}
    for sub in Subdivision.objects.filter(country__code=country):
        for name in filter(None, subdivision_names(sub.code, sub.name, sub.name_ja, sub.aliases)):
            owners.setdefault(name_key(name), set()).add(sub.code)
    shared = {key: codes for key, codes in owners.items() if len(codes) > 1}
    assert shared == {}


def test_table_lists_each_code_once():
    from importlib import resources

    text = resources.files("glocal.places.data").joinpath("subdivision_names_ja.tsv").read_text()
    codes = [line.split("\t")[0] for line in text.splitlines() if line and line[0] != "#"]
    assert [code for code, n in Counter(codes[1:]).items() if n > 1] == []


@pytest.mark.parametrize(
    ("country", "query", "first"),
    [
        ("US", "テキサス", "US-TX"),
        ("US", "ﾃｷｻｽ州", "US-TX"),
        ("KR", "京畿道", "KR-41"),
        ("CN", "遼寧", "CN-LN"),
        ("CA", "ブリティッシュコロンビア", "CA-BC"),
        ("DE", "ノルトライン・ヴェストファーレン", "DE-NW"),
        ("US", "Iowa", "US-IA"),
    ],
)
def test_api_finds_subdivisions_by_japanese_name(client, country, query, first):
    response = client.get(f"/api/v1/places/countries/{country}/subdivisions", {"q": query})
    assert response.status_code == 200
    assert response.json()["items"][0]["code"] == first


def test_api_whole_name_comes_before_names_containing_it(client):
    response = client.get("/api/v1/places/countries/US/subdivisions", {"q": "バージニア"})
    codes = [item["code"] for item in response.json()["items"]]
    assert codes == ["US-VA", "US-WV"]
