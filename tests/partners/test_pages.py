"""Partnership pages: import with a preview of errors, statistics, exports, the public list."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from glocal.partners.models import Affiliation, PartnerProfile, PartnerRequest
from glocal.places.models import Country
from tests.partners.test_importer import GOOD

pytestmark = pytest.mark.django_db


def upload(client, text: str, name="affiliations.csv", encoding="cp932"):
    return client.post(
        "/staff/partners/import/", {"file": SimpleUploadedFile(name, text.encode(encoding))}
    )


def test_import_shows_problems_by_row_then_imports_a_fixed_file(client, editor):
    client.force_login(editor)
    bad = GOOD + "福島県,,米国,,Testville,謎,令和2年13月1日,,\n"
    response = upload(client, bad)
    page = response.content.decode()
    assert response.status_code == 422
    assert "<td>5</td><td>kind</td>" in page
    assert "<td>5</td><td>signed_on</td>" in page
    assert Affiliation.objects.count() == 0
    ready = upload(client, GOOD)
    assert ready.status_code == 200
    assert Affiliation.objects.count() == 0  # a preview writes nothing
    done = client.post("/staff/partners/import/", {"action": "import"})
    assert done.status_code == 302
    assert Affiliation.objects.count() == 3


def test_viewers_cannot_import(client, member):
    client.force_login(member)
    assert upload(client, GOOD).status_code == 403


def test_statistics_show_the_by_country_table_and_a_chart(client, editor, home_org):
    client.force_login(editor)
    upload(client, GOOD)
    client.post("/staff/partners/import/", {"action": "import"})
    page = client.get("/staff/partners/statistics/").content.decode()
    assert '<svg class="chart"' in page
    us = '<th scope="row">アメリカ合衆国</th><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td>'
    assert us in page
    assert "1980年代" in page  # the decade in the reader's words
    assert "2000年代" in page


def test_exports_in_csv_and_xlsx(client, editor):
    client.force_login(editor)
    upload(client, GOOD)
    client.post("/staff/partners/import/", {"action": "import"})
    csv_text = client.get("/staff/partners/export.csv").content.decode("utf-8-sig")
    assert "福島県,会津若松市,072028,US,Iowa,サンプルビル市（架空）,sister,1988-10-12" in csv_text
    book = load_workbook(io.BytesIO(client.get("/staff/partners/export.xlsx").content))
    assert book.active.max_row == 4


def test_public_list_needs_no_login(client, editor):
    client.force_login(editor)
    upload(client, GOOD)
    client.post("/staff/partners/import/", {"action": "import"})
    client.logout()
    assert "サンプルビル市（架空）" in client.get("/partners/").content.decode()


def test_cli_import_refuses_a_bad_file_naming_rows(tmp_path, home_org):
    source = tmp_path / "bad.csv"
    source.write_text(GOOD + "福島県,,米国,,,姉妹,,,\n", encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 problems; nothing was imported"):
        call_command(
            "partners", "import", str(source), "--organisation", "fukushima", stderr=errors
        )
    assert "5行目、partner：相手自治体の名前がありません" in errors.getvalue()
    assert Affiliation.objects.count() == 0


def test_cli_dry_run_then_import_then_export(tmp_path, home_org):
    source = tmp_path / "good.csv"
    source.write_bytes(GOOD.encode("cp932"))
    out = io.StringIO()
    call_command(
        "partners", "import", str(source), "--organisation", "fukushima", "--dry-run", stdout=out
    )
    assert "3 rows are ready" in out.getvalue()
    assert Affiliation.objects.count() == 0
    call_command("partners", "import", str(source), "--organisation", "fukushima", stdout=out)
    assert Affiliation.objects.count() == 3
    target = tmp_path / "out.xlsx"
    call_command("partners", "export", "--format", "xlsx", "-o", str(target))
    assert load_workbook(target).active.max_row == 4


def test_exchanges_are_recorded_on_the_affiliation_page(client, editor, member):
    client.force_login(editor)
    upload(client, GOOD)
    client.post("/staff/partners/import/", {"action": "import"})
    affiliation = Affiliation.objects.get(local_government__code="072028")
    path = f"/staff/partners/{affiliation.pk}/"
    bad = client.post(
        path, {"started_on": "令和2年13月1日", "direction": "outbound", "kind": "youth"}
    )
    assert bad.status_code == 422
    done = client.post(
        path,
        {"started_on": "R7.8.1", "direction": "outbound", "kind": "youth", "field": "youth",
         "participants": "12", "outcomes": "Homestays"},
    )  # fmt: skip
    assert done.status_code == 302
    assert "2025-08-01" in client.get(path).content.decode()
    client.force_login(member)
    assert client.post(path, {"started_on": "R7.8.1"}).status_code == 403


def test_requests_entered_approved_and_matched(client, owner, editor):
    client.force_login(editor)
    response = client.post(
        "/staff/partners/requests/",
        {"name": "Sampleton (fictional)", "country": Country.objects.get(code="US").pk,
         "population": "60000", "latitude": "41.6", "wanted": ["education"]},
    )  # fmt: skip
    assert response.status_code == 302
    assert "Sampleton" not in client.get("/partners/requests/").content.decode()  # not yet
    client.force_login(owner)
    number = PartnerRequest.objects.get().pk
    client.post("/staff/partners/requests/", {"approve": number})
    public = client.get("/partners/requests/").content.decode()
    assert "Sampleton (fictional)" in public
    assert "climate" in public  # each match says what added to its score


def test_statistics_export_carries_charts(client, editor):
    client.force_login(editor)
    upload(client, GOOD)
    client.post("/staff/partners/import/", {"action": "import"})
    book = load_workbook(io.BytesIO(client.get("/staff/partners/statistics.xlsx").content))
    assert book.sheetnames == ["国別", "提携年代別", "都道府県別"]
    assert book["国別"]["A1"].value == "国"
    assert book["国別"]["A2"].value in ("アメリカ合衆国", "オーストラリア", "カナダ")
    with zipfile.ZipFile(io.BytesIO(client.get("/staff/partners/statistics.xlsx").content)) as xlsx:
        assert any(name.startswith("xl/charts/chart") for name in xlsx.namelist())


def test_partner_seeking_profile_from_the_staff_page(client, editor, home_org):
    client.force_login(editor)
    bad = client.post("/staff/partners/requests/", {"profile": "1", "countries": "アトランティス"})
    assert bad.status_code == 422
    client.post(
        "/staff/partners/requests/",
        {"profile": "1", "countries": "米国、Canada", "fields": ["youth"], "pr": "温泉と桃"},
    )
    profile = PartnerProfile.objects.get()
    assert (profile.local_government.code, profile.countries) == ("070009", ["CA", "US"])
