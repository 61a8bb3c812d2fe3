"""`glocal network import|export|duplicates` and the export that imports back unchanged."""

import pytest
from django.core.management import CommandError, call_command

from glocal.network import exporter, importer, services
from glocal.network.models import Contact
from tests.network.conftest import csv_bytes
from tests.network.test_import import GOOD

pytestmark = pytest.mark.django_db


def test_dry_run_writes_nothing_and_import_writes(home_org, tmp_path, capsys):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes(GOOD))
    call_command("network", "import", str(path), "--organisation", "fukushima", "--dry-run")
    assert Contact.objects.count() == 0
    call_command("network", "import", str(path), "--organisation", "fukushima")
    assert "3 contacts added" in capsys.readouterr().out
    call_command("network", "import", str(path), "--organisation", "fukushima")
    assert "0 contacts added, 0 completed" in capsys.readouterr().out


def test_a_file_with_problems_names_them_and_writes_nothing(home_org, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes("氏名,メール\n田中,tanaka@@example"))
    with pytest.raises(CommandError, match="1 problems"):
        call_command("network", "import", str(path), "--organisation", "fukushima")
    assert "2行目、email" in capsys.readouterr().err  # the UI speaks Japanese by default
    assert Contact.objects.count() == 0


@pytest.mark.parametrize("english", [False, True])
def test_an_export_imports_back_and_changes_nothing(home_org, import_text, english):
    import_text(home_org, GOOD)
    data = exporter.to_csv(Contact.objects.filter(owner=home_org), english=english)
    checked = importer.check(importer.read_table(data, "export.csv"), owner_id=home_org.pk)
    assert checked.problems == []
    assert len(checked.duplicates) == len(checked.rows) == 4


def test_export_neutralises_formulas_and_keeps_to_its_organisation(
    home_org, other_org, import_text, tmp_path
):
    import_text(home_org, "氏名,備考\n=HYPERLINK(1),=1+1")
    import_text(other_org, "氏名\nSecret Person")
    out = tmp_path / "out.xlsx"
    call_command("network", "export", "--organisation", "fukushima", "--format", "xlsx",
                 "-o", str(out))  # fmt: skip
    table = importer.read_table(out.read_bytes(), "out.xlsx")
    assert [row[0] for row in table[1:]] == ["=HYPERLINK(1)"]
    csv = exporter.to_csv(Contact.objects.filter(owner=home_org)).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv
    assert "Secret" not in csv


def test_duplicates_on_demand_with_reasons(home_org, admin_of, capsys):
    """Contacts entered one by one are not merged; the check proposes them with the reason."""
    for name, kana, country in [("佐藤 太郎", "", "Canada"), ("SATOH Tarou", "", "Japan"),
                                ("佐藤 太郎", "ｻﾄｳ ﾀﾛｳ", "日本")]:  # fmt: skip
        services.create_contact(
            admin_of(home_org), home_org.pk, {"name": name, "kana": kana, "country": country}
        )
    call_command("network", "duplicates", "--organisation", "fukushima")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1  # the Canadian 佐藤 is another person
    assert "SATOH Tarou" in lines[0]
    assert "同じ氏名（satotaro）・同じ国" in lines[0]
