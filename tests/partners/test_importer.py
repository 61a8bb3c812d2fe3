"""Importing affiliations as offices keep them: dates, encodings, same-named towns, all or
nothing, again without duplicates, and never a traceback."""

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from glocal.orgs.actors import Actor
from glocal.orgs.models import Role
from glocal.partners import exporter, importer, services
from glocal.partners.models import Affiliation
from glocal.places.models import ForeignLocalGovernment

pytestmark = pytest.mark.django_db


def everything():
    return Affiliation.objects.all()


HEADER = "都道府県,自治体名,相手国,相手州・省,相手自治体,提携種別,提携日,分野,備考\n"
GOOD = (
    HEADER
    + "福島県,会津若松市,米国,Iowa,サンプルビル市（架空）,姉妹,S63.10.12,教育、文化,\n"
    + "北海道,池田町,オーストラリア,,ダフィールド町（架空）,友好,平成元年4月1日,青少年,\n"
    + "長野県,池田町,Canada,,Smithville (fictional),sister,2002-04-20,,\n"
)


def checked(text: str, encoding: str = "utf-8"):
    return importer.check(importer.read_table(text.encode(encoding), "file.csv"))


def editor_of(org) -> Actor:
    return Actor(via="test", _roles={org.pk: Role.EDITOR})


def load_rows(rows, org) -> importer.Report:
    """Checked rows written as an editor of the organisation would write them."""
    return services.import_rows(editor_of(org), org.pk, rows)


def load(text: str, org) -> importer.Report:
    result = checked(text)
    assert result.problems == []
    return services.import_rows(editor_of(org), org.pk, result.rows)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("R3.4.1", date(2021, 4, 1)),
        ("S63.10.12", date(1988, 10, 12)),
        ("H1.4.1", date(1989, 4, 1)),
        ("平成元年4月1日", date(1989, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("大正12年3月1日", date(1923, 3, 1)),
        ("昭和54年11月3日", date(1979, 11, 3)),
        ("2002-04-20", date(2002, 4, 20)),
        ("1993/8/5", date(1993, 8, 5)),
        ("1979年11月3日", date(1979, 11, 3)),
        ("２００２－０４－２０", date(2002, 4, 20)),
    ],
)
def test_every_date_form(written, expected):
    result = checked(HEADER + f"福島県,,米国,,Testville,姉妹,{written},,\n")
    assert result.problems == []
    assert result.rows[0].signed_on == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_encodings_are_detected(encoding):
    result = checked(GOOD, encoding)
    assert result.problems == []
    assert result.rows[0].partner == "サンプルビル市（架空）"


def test_xlsx_with_english_headers():
    book = Workbook()
    sheet = book.active
    sheet.append(["prefecture", "municipality", "country", "partner", "kind", "signed_on"])
    sheet.append(["Fukushima", "", "US", "Sampleton (fictional)", "friendship", date(1999, 5, 1)])
    buffer = io.BytesIO()
    book.save(buffer)
    result = importer.check(importer.read_table(buffer.getvalue(), "partners.xlsx"))
    assert result.problems == []
    [row] = result.rows
    assert (row.local_government.code, row.country.code, row.kind) == ("070009", "US", "friendship")
    assert row.signed_on == date(1999, 5, 1)


def test_same_named_towns_are_told_apart_by_prefecture():
    hokkaido, nagano = checked(GOOD).rows[1:]
    assert (hokkaido.local_government.code, nagano.local_government.code) == ("016446", "204811")


def test_a_prefecture_level_affiliation_has_no_municipality():
    [row] = checked(HEADER + "福島県,,米国,,Testville,姉妹,,,\n").rows
    assert row.local_government.code == "070009"


def test_problems_are_named_per_row_and_nothing_is_written(home_org):
    bad = GOOD + (
        "福島県,どこでも町,米国,,Testville,姉妹,,,\n"
        "福島県,,アトランティス,,Testville,姉妹,,,\n"
        "福島県,,米国,,Testville,姉妹,令和2年13月1日,,\n"
        "福島県,,米国,,,姉妹,,,\n"
        "福島県,,米国,,Testville,謎,,,\n"
    )
    result = checked(bad)
    assert [(p.row, p.field) for p in result.problems] == [
        (5, "municipality"),
        (6, "country"),
        (7, "signed_on"),
        (8, "partner"),
        (9, "kind"),
    ]
    assert "13" in result.problems[2].reason or "real date" in result.problems[2].reason
    assert Affiliation.objects.count() == 0
    assert ForeignLocalGovernment.objects.count() == 0


def test_importing_again_updates_instead_of_adding(home_org):
    assert (load(GOOD, home_org).created, load(GOOD, home_org).updated) == (3, 3)
    assert Affiliation.objects.count() == 3
    changed = GOOD.replace("教育、文化", "スポーツ")
    load(changed, home_org)
    assert Affiliation.objects.get(local_government__code="072028").fields == ["sports"]


def test_an_export_imports_back_unchanged(home_org):
    load(GOOD, home_org)
    result = importer.check(importer.read_table(exporter.to_csv(everything()), "export.csv"))
    assert result.problems == []
    report = services.import_rows(editor_of(home_org), home_org.pk, result.rows)
    assert (report.created, report.updated) == (0, 3)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise_a_traceback(data):
    try:
        table = importer.read_table(data, "file.csv")
    except importer.UnreadableFile:
        return
    importer.check(table)


cells = st.text(
    alphabet=st.sampled_from(list('福島県池田町米国R3.4.1年月日,、;"\n 0123456789abc姉妹友好')),
    max_size=20,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(cells, max_size=10), max_size=6))
def test_arbitrary_tables_never_raise_a_traceback(rows):
    importer.check([list(importer.HEADERS), *rows])


def test_fiscal_years_and_anniversaries(home_org):
    from glocal import wareki
    from glocal.partners import statistics

    assert wareki.fiscal_year(date(2026, 3, 31)) == 2025
    assert wareki.fiscal_year_label(2019) == "FY2019（令和元年度）"
    assert wareki.fiscal_year_label(1988) == "FY1988（昭和63年度）"
    load(GOOD, home_org)  # signed 1988-10-12, 1989-04-01 and 2002-04-20
    found = [(years, a.signed_on.year) for years, a in statistics.anniversaries(2027)]
    assert found == [(25, 2002)]  # April 2027 is in FY2027
    assert [years for years, _ in statistics.anniversaries(2028)] == [40]  # 1988-10-12


REGIONS_IN_JAPANESE = HEADER + (
    "福島県,会津若松市,米国,テキサス州,サンプル市A（架空）,姉妹,,,\n"
    "福島県,会津若松市,カナダ,オンタリオ州,サンプル市B（架空）,姉妹,,,\n"
    "福島県,会津若松市,中国,遼寧省,サンプル市C（架空）,友好,,,\n"
    "福島県,会津若松市,韓国,京畿道,サンプル市D（架空）,友好,,,\n"
    "福島県,会津若松市,オーストラリア,クイーンズランド,サンプル市E（架空）,姉妹,,,\n"
    "福島県,会津若松市,ブラジル,サンパウロ州,サンプル市F（架空）,姉妹,,,\n"
    "福島県,会津若松市,米国,アトランティス州,サンプル市G（架空）,姉妹,,,\n"
)


def test_regions_written_in_japanese_resolve_and_an_unknown_one_is_kept(home_org):
    result = checked(REGIONS_IN_JAPANESE)
    assert result.problems == []
    assert [r.subdivision.code if r.subdivision else None for r in result.rows] == [
        "US-TX", "CA-ON", "CN-LN", "KR-41", "AU-QLD", "BR-SP", None,
    ]  # fmt: skip
    assert [(w.row, w.field) for w in result.warnings] == [(8, "partner_region")]
    assert "アトランティス州" in str(result.warnings[0])
    load(REGIONS_IN_JAPANESE, home_org)
    kept = ForeignLocalGovernment.objects.get(name_local="サンプル市G（架空）")
    assert (kept.subdivision, kept.region_as_written) == (None, "アトランティス州")
    texas = ForeignLocalGovernment.objects.get(name_local="サンプル市A（架空）")
    assert (texas.subdivision.code, texas.region_as_written) == ("US-TX", "")
