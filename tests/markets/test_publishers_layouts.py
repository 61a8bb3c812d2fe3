"""The overnight-stay survey's prefecture × nationality table (`--format jta-stays`) and the
trade statistics CSV by HS code and customs country code (`--format customs-exports`). Both
layouts and their example files are reconstructed from public descriptions; the figures in
tests/markets/data are fictional."""

from pathlib import Path

import pytest

from glocal.markets import importer
from glocal.markets.layouts.customs import customs_countries
from glocal.markets.models import Statistic

DATA = Path(__file__).parent / "data"
STAYS = (DATA / "jta_stays.csv").read_text(encoding="utf-8")
EXPORTS = (DATA / "customs_exports.csv").read_text(encoding="utf-8")
JTA = ("--format", "jta-stays")
CUSTOMS = ("--format", "customs-exports")


def _figures(owner, measure):
    return {
        (s.country, s.prefecture, s.hs_code, s.period): (s.value, s.status)
        for s in Statistic.objects.filter(owner=owner, measure__key=measure)
    }


# -- the overnight-stay survey ------------------------------------------------------------------


def test_the_survey_table_becomes_stays_by_prefecture_and_nationality(
    run_import, tmp_path, home_org
):
    problem, out = run_import(STAYS, tmp_path, *JTA)
    assert problem is None, problem
    # 5 rows × (計 and 12 nationalities), Yamagata's Singapore left blank (-); アジア計,
    # その他 and 不詳 are no nationality.
    assert "64 figures added" in out
    found = _figures(home_org, "overnight_stays")
    assert found[("", "", "", "2025-04")] == (14_500_000, "preliminary")  # 全国, 計; 第2次速報
    assert found[("TW", "060003", "", "2025-04")] == (4_800, "preliminary")  # 山形県 × 台湾
    assert found[("AU", "470007", "", "2025-04")] == (6_000, "preliminary")  # 沖縄県 × 豪州
    assert found[("US", "010006", "", "2025-04")] == (30_000, "preliminary")  # 北 海 道 × アメリカ
    assert found[("GB", "130001", "", "2025-04")] == (210_000, "preliminary")  # 東京都 × 英国
    assert ("SG", "060003", "", "2025-04") not in found
    countries = {country for country, *_rest in found}
    assert countries == {"", "KR", "CN", "TW", "HK", "TH", "SG", "US", "CA", "GB", "DE", "FR", "AU"}
    problem, out = run_import(STAYS, tmp_path, *JTA)
    assert "0 figures added, 0 replaced, 64 unchanged" in out


def test_the_final_survey_replaces_the_preliminary_one(run_import, tmp_path, home_org):
    run_import(STAYS, tmp_path, *JTA)
    final = STAYS.replace("第2次速報", "確定値").replace('"4,800"', '"5,100"')
    problem, out = run_import(final, tmp_path, *JTA)
    assert problem is None, problem
    assert "0 figures added, 64 replaced, 0 unchanged" in out
    assert _figures(home_org, "overnight_stays")[("TW", "060003", "", "2025-04")] == (
        5_100,
        "final",
    )
    # A preliminary table never replaces the final one.
    problem, out = run_import(STAYS, tmp_path, *JTA)
    assert "0 figures added, 0 replaced, 64 unchanged" in out


def test_the_period_on_the_command_line_wins_over_the_title(run_import, tmp_path, home_org):
    year = STAYS.replace("令和7年4月", "2024年1月～12月")
    problem, _out = run_import(year, tmp_path, *JTA)
    assert problem is None, problem
    assert {key[3] for key in _figures(home_org, "overnight_stays")} == {"2024"}
    untitled = STAYS.replace("令和7年4月", "")
    problem, _out = run_import(untitled, tmp_path, *JTA)
    assert "No period found" in problem
    problem, _out = run_import(untitled, tmp_path, *JTA, "--period", "2025-05")
    assert problem is None, problem
    assert ("", "", "", "2025-05") in _figures(home_org, "overnight_stays")


def test_unknown_names_are_named_by_their_cell_and_nothing_is_written(
    run_import, tmp_path, home_org
):
    wrong = STAYS.replace(",豪州,", ",ナルニア,").replace("沖縄県,", "琉球県,")
    problem, _out = run_import(wrong, tmp_path, *JTA)
    # The nationality in the header row (6), column O; the prefecture in row 11, column A.
    assert "row 6, country (O): unknown country 'ナルニア'" in problem
    assert "row 11, prefecture (A): unknown prefecture '琉球県'" in problem
    assert problem.count("ナルニア") == 1  # once, not once per prefecture
    assert "2 problems" in problem
    assert not Statistic.objects.exists()


def test_a_blank_header_cell_takes_the_name_above_it(run_import, tmp_path, home_org):
    merged = STAYS.replace("\n,計,", "\n,,")  # 外国人延べ宿泊者数 spans both header rows
    problem, out = run_import(merged, tmp_path, *JTA)
    assert problem is None, problem
    assert "64 figures added" in out
    assert ("", "", "", "2025-04") in _figures(home_org, "overnight_stays")
    Statistic.objects.all().delete()
    wrong = merged.replace("施設所在地,外国人延べ宿泊者数,", "施設所在地,ナルニア,")
    problem, _out = run_import(wrong, tmp_path, *JTA)
    assert "row 5, country (B): unknown country 'ナルニア'" in problem  # where it is written


def test_the_period_option_is_for_the_layouts_that_take_it(run_import, tmp_path, home_org):
    problem, _out = run_import(EXPORTS, tmp_path, *CUSTOMS, "--period", "2024")
    assert "takes no --period" in problem


# -- trade statistics ---------------------------------------------------------------------------


def test_trade_statistics_become_export_values_in_yen(run_import, tmp_path, home_org):
    problem, out = run_import(EXPORTS, tmp_path, *CUSTOMS)
    assert problem is None, problem
    assert "65 figures added" in out  # 5 rows × (12 months and the year)
    found = _figures(home_org, "export_value")
    assert found[("CN", "", "080810000", "2024-01")] == (1_200_000, "final")  # 1,200 千円
    assert found[("TW", "", "080810000", "2024-10")] == (7_100_000, "final")
    assert found[("US", "", "220890000", "2024")] == (4_070_000, "final")  # Value-Year
    assert found[("HK", "", "080810000", "2024-06")] == (0, "final")  # a published zero
    assert {key[0] for key in found} == {"CN", "TW", "HK", "US", "KR"}
    problem, out = run_import(EXPORTS, tmp_path, *CUSTOMS)
    assert "0 figures added, 0 replaced, 65 unchanged" in out


def test_a_year_in_progress_gives_its_published_months_only(run_import, tmp_path, home_org):
    lines = EXPORTS.splitlines()
    cut = [",".join(line.split(",")[: 9 + 3 * 3]) for line in lines[1:]]  # January to March
    problem, out = run_import("\n".join([lines[0], *cut]), tmp_path, *CUSTOMS)
    assert "Value-Apr" in problem  # the header must name all twelve months
    empty = []
    for line in lines[2:]:  # under the note and the header
        cells = line.split(",")
        empty.append(",".join(cells[: 9 + 9] + [""] * (len(cells) - 18)))
    problem, out = run_import(
        "\n".join([*lines[:2], *empty]), tmp_path, *CUSTOMS, "--status", "preliminary"
    )
    assert problem is None, problem
    assert "15 figures added" in out  # 5 rows × 3 months; no figure for the year
    periods = {key[3] for key in _figures(home_org, "export_value")}
    assert periods == {"2024-01", "2024-02", "2024-03"}
    # The final figures replace the preliminary ones; the rest of the year is added.
    problem, out = run_import(EXPORTS, tmp_path, *CUSTOMS)
    assert problem is None, problem
    assert "50 figures added, 15 replaced, 0 unchanged" in out
    assert _figures(home_org, "export_value")[("CN", "", "080810000", "2024-01")][1] == "final"


def test_unknown_customs_codes_are_named_and_nothing_is_written(run_import, tmp_path, home_org):
    wrong = EXPORTS.replace("1,2024,220890000,103,", "1,2024,220890000,999,")
    problem, _out = run_import(wrong, tmp_path, *CUSTOMS)
    assert "row 7, country (D): unknown country '税関国名コード999'" in problem
    assert not Statistic.objects.exists()
    imports = EXPORTS.replace("1,2024,220890000,103,", "2,2024,220890000,103,")
    problem, _out = run_import(imports, tmp_path, *CUSTOMS)
    assert "Row 7: Exp or Imp is '2'" in problem
    assert not Statistic.objects.exists()


def test_an_hs_code_that_lost_its_leading_zero_gets_it_back(run_import, tmp_path, home_org):
    problem, _out = run_import(EXPORTS.replace(",080810000,", ",80810000,"), tmp_path, *CUSTOMS)
    assert problem is None, problem
    assert ("CN", "", "080810000", "2024") in _figures(home_org, "export_value")


def test_the_customs_table_covers_the_largest_partners():
    codes = customs_countries()
    assert len(codes) >= 40
    assert (codes["103"], codes["105"], codes["106"], codes["304"]) == ("KR", "CN", "TW", "US")
    assert len(set(codes.values())) == len(codes)  # no country under two codes


# -- names as the publishers print them ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("韓国", "KR"), ("中国", "CN"), ("台湾", "TW"), ("香港", "HK"), ("米国", "US"),
        ("アメリカ", "US"), ("タイ", "TH"), ("シンガポール", "SG"), ("英国", "GB"),
        ("イギリス", "GB"), ("ドイツ", "DE"), ("フランス", "FR"), ("豪州", "AU"),
        ("オーストラリア", "AU"), ("カナダ", "CA"), ("マレーシア", "MY"), ("インド", "IN"),
        ("インドネシア", "ID"), ("フィリピン", "PH"), ("ベトナム", "VN"), ("ロシア", "RU"),
        ("イタリア", "IT"), ("スペイン", "ES"), ("マカオ", "MO"),
    ],
)  # fmt: skip
def test_the_publishers_country_names_resolve(db, name, code):
    assert importer._Names(None).country(name) == code
