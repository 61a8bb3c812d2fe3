"""JNTO's monthly table of visitor arrivals (`--format jnto-arrivals`): countries in rows,
months in columns, the year in the title, preliminary months marked. The example file is
reconstructed from memory of JNTO's published tables."""

from pathlib import Path

from glocal.markets.models import Statistic

EXAMPLE = (Path(__file__).parent / "data" / "jnto_arrivals.csv").read_text(encoding="utf-8")
JNTO = ("--format", "jnto-arrivals")


def _figures(owner):
    return {
        (s.country, s.period): (s.value, s.status)
        for s in Statistic.objects.filter(owner=owner, measure__key="visitor_arrivals")
    }


def test_the_example_table_is_imported_by_country_and_month(run_import, tmp_path, home_org):
    problem, out = run_import(EXAMPLE, tmp_path, *JNTO)
    assert problem is None, problem
    assert "27 figures added" in out  # 7 rows × 4 months, Thailand's April left blank (-)
    found = _figures(home_org)
    assert found[("", "2025-01")] == (3_781_629, "final")  # 総数: all countries
    assert found[("KR", "2025-02")] == (741_300, "final")
    assert found[("US", "2025-03")] == (301_600, "preliminary")  # 暫定値
    assert found[("CN", "2025-04")] == (765_100, "preliminary")  # 推計値
    assert ("TH", "2025-04") not in found
    # Regional subtotals, その他 rows, the running total and the growth rate are no figures.
    assert {country for country, _period in found} == {"", "KR", "CN", "TW", "HK", "TH", "US"}
    assert {period for _country, period in found} == {"2025-01", "2025-02", "2025-03", "2025-04"}
    problem, out = run_import(EXAMPLE, tmp_path, *JNTO)
    assert "0 figures added, 0 replaced, 27 unchanged" in out


def test_the_final_table_replaces_the_estimates(run_import, tmp_path, home_org):
    run_import(EXAMPLE, tmp_path, *JNTO)
    final = EXAMPLE.replace("3月（暫定値）", "3月").replace("4月（推計値）", "4月")
    final = final.replace('"765,100"', '"770,000"')
    problem, out = run_import(final, tmp_path, *JNTO)
    assert problem is None, problem
    assert "0 figures added, 13 replaced, 14 unchanged" in out
    assert _figures(home_org)[("CN", "2025-04")] == (770_000, "final")


def test_an_unknown_country_is_named_by_its_row_in_the_file(run_import, tmp_path, home_org):
    problem, _out = run_import(EXAMPLE.replace("香港,", "ナルニア,"), tmp_path, *JNTO)
    assert "row 9, country: unknown country 'ナルニア'" in problem
    assert not Statistic.objects.exists()


def test_months_may_carry_their_year_and_figures_their_marks(run_import, tmp_path, home_org):
    table = '国・地域,2024年12月,2025年1月\n台湾,"520,000","599,100（推計値）"\n'
    problem, _out = run_import(table, tmp_path, *JNTO)
    assert problem is None, problem
    assert _figures(home_org) == {
        ("TW", "2024-12"): (520_000, "final"),
        ("TW", "2025-01"): (599_100, "preliminary"),
    }


def test_a_table_without_a_year_or_months_is_refused(run_import, tmp_path, home_org):
    problem, _out = run_import(EXAMPLE.replace("（2025年）", ""), tmp_path, *JNTO)
    assert "No year found" in problem
    problem, _out = run_import("国・地域,値\n台湾,1\n", tmp_path, *JNTO)
    assert "No row of months found" in problem
    assert not Statistic.objects.exists()
