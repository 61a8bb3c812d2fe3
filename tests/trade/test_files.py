import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from glocal.trade.models import Measure, MeasureVersion

JAPANESE = """国・地域,対象都道府県,品目,措置,開始日,終了日,根拠,備考
香港,福島県、宮城県,野菜;水産物,輸入停止,H23.3.24,,香港食物環境衛生署,
香港,福島県,野菜,輸入停止,平成30年7月26日,,,緩和
シンガポール,全都道府県,03,検査証明書,2011-03-25,令和3年5月28日,SFA,
"""


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("trade", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, text, name="m.csv", encoding="utf-8-sig"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_import_csv_in_each_encoding_and_again_changes_nothing(tmp_path, home_org, encoding):
    path = write(tmp_path, JAPANESE, encoding=encoding)
    out, _ = run("import", path, "--organisation", "fukushima")
    assert "3 versions recorded" in out
    assert Measure.objects.count() == 2
    hk = Measure.objects.get(country__code="HK")
    assert [v.change for v in hk.versions.order_by("number")] == ["imposed", "eased"]
    out, _ = run("import", path, "--organisation", "fukushima")
    assert "0 versions recorded" in out
    assert MeasureVersion.objects.count() == 3


@pytest.mark.django_db
def test_problems_are_named_per_row_and_nothing_is_written(tmp_path, home_org):
    bad = (
        "country,prefectures,products,measure,effective_from,effective_to\n"
        "HK,Fukushima,03,suspension,2011-03-24,\n"
        "Atlantis,Fukushima,03,suspension,2011-03-24,\n"
        "HK,Narnia,03,suspension,2011-03-24,\n"
        "HK,Fukushima,9999,suspension,2011-03-24,\n"
        "HK,Fukushima,宝石,suspension,2011-03-24,\n"
        "HK,Fukushima,03,suspension,2020-01-01,2019-01-01\n"
        "HK,Fukushima,03,suspension,平成31年5月1日,\n"
    )
    with pytest.raises(CommandError, match="6 problems"):
        run("import", write(tmp_path, bad), "--organisation", "fukushima")
    assert not MeasureVersion.objects.exists()


@pytest.mark.django_db
def test_problem_messages_name_row_and_field(home_org):
    from glocal.core.tables import read_table
    from glocal.trade import importer

    table = read_table(
        b"country,prefectures,products,measure,effective_from\nXX,all,03,ban,R1.1.1\n"
    )
    problems = importer.check(table).problems
    assert [(p.row, p.field) for p in problems] == [(2, "country"), (2, "effective_from")]
    assert "令和" in str(problems[1])


@pytest.mark.django_db
def test_xlsx_import_and_export_round_trip(tmp_path, home_org):
    book = Workbook()
    sheet = book.active
    for line in JAPANESE.strip().splitlines():
        sheet.append(line.split(","))
    path = tmp_path / "m.xlsx"
    book.save(path)
    run("import", str(path), "--organisation", "fukushima")
    assert MeasureVersion.objects.count() == 3
    exported = tmp_path / "out.xlsx"
    run("export", "--format", "xlsx", "-o", str(exported))
    rows = list(load_workbook(exported).active.iter_rows(values_only=True))
    assert rows[0][0] == "country"
    assert len(rows) == 4
    out, _ = run("import", str(exported), "--organisation", "fukushima")
    assert "0 versions recorded" in out


@pytest.mark.django_db
def test_csv_export_neutralises_formulas(tmp_path, home_org):
    text = JAPANESE.replace("香港食物環境衛生署", "=HYPERLINK(1)")
    run("import", write(tmp_path, text), "--organisation", "fukushima")
    exported = tmp_path / "out.csv"
    run("export", "-o", str(exported))
    assert "'=HYPERLINK(1)" in exported.read_text("utf-8-sig")


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path, home_org):
    out, _ = run("import", write(tmp_path, JAPANESE), "--organisation", "fukushima", "--dry-run")
    assert "3 rows are ready" in out
    assert not Measure.objects.exists()
