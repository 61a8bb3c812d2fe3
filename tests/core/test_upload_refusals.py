"""What a person sees when the file they send is beyond the upload limits: every importer's page
answers 422 with the limit named, and the commands stop with it; nothing is written."""

import dataclasses
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from glocal.core import uploads
from glocal.partners.models import Affiliation
from glocal.plans import importer
from glocal.plans.models import Actual, Plan
from tests.core import attacks
from tests.plans.test_files import SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(home_org):
    _checked, done = importer.import_file(SMALL.encode(), "plan.yaml", home_org.pk)
    return done.plan


def post(client, url: str, name: str, data: bytes, language: str = "ja"):
    client.cookies["glocal_language"] = language
    started = time.perf_counter()
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    assert time.perf_counter() - started < 3  # the page answers; the worker lives on
    return response.status_code, response.content.decode()


def test_a_billion_laughs_plan_is_refused_on_the_plans_page(client, owner):
    client.force_login(owner)
    status, page = post(client, "/staff/plans/", "plan.yaml", attacks.billion_laughs())
    assert status == 422
    assert "2行目：エイリアス（*a）は使えません。値をそのまま書いてください。" in page
    status, page = post(client, "/staff/plans/", "plan.yaml", attacks.deeply_nested_yaml(), "en")
    assert status == 422
    assert "line 1: the document nests too deeply (limit 100 levels)." in page
    assert Plan.objects.count() == 0


def test_actuals_in_a_workbook_with_a_lying_dimension_import(client, owner, plan):
    xlsx = attacks.rewritten(
        attacks.workbook([["指標コード", "年度", "実績値"], ["I-1", "令和7年度", 150]]),
        lambda xml: xml.replace(b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>'),
    )
    assert b"A1:XFD1048576" in zipfile.ZipFile(io.BytesIO(xlsx)).read(attacks.SHEET)
    client.force_login(owner)
    client.cookies["glocal_language"] = "ja"
    response = client.post(
        f"/staff/plans/{plan.pk}/actuals/import/", {"file": SimpleUploadedFile("a.xlsx", xlsx)}
    )
    assert response.status_code == 302
    assert Actual.objects.get(fiscal_year=2025).value == 150


def test_a_zip_bomb_and_a_gigantic_field_are_refused_on_the_actuals_page(client, owner, plan):
    client.force_login(owner)
    url = f"/staff/plans/{plan.pk}/actuals/import/"
    status, page = post(client, url, "actuals.xlsx", attacks.zip_bomb())
    assert status == 422
    assert "ブックを展開すると大きすぎます（上限 50 MB）。" in page
    status, page = post(client, url, "actuals.csv", attacks.gigantic_field(), "en")
    assert status == 422
    assert "Row 2 is too long (limit 1,048,576 characters)." in page
    assert Actual.objects.count() == 1  # the plan's own sample actual, nothing more


def test_files_too_large_or_too_long_are_refused_on_the_partners_page(client, editor):
    client.force_login(editor)
    big = b"x" * (10 * 1024 * 1024 + 1)
    status, page = post(client, "/staff/partners/import/", "affiliations.csv", big)
    assert status == 422
    assert "ファイルが大きすぎます（上限 10 MB）。" in page
    status, page = post(client, "/staff/partners/import/", "a.xlsx", attacks.far_row(), "en")
    assert status == 422
    assert "The file has too many rows (limit 100,000 rows)." in page
    assert Affiliation.objects.count() == 0


def test_commands_stop_with_the_limit_named(home_org, plan, tmp_path):
    translation.activate("en")  # commands speak the active language; these messages in English
    laughs = tmp_path / "plan.yaml"
    laughs.write_bytes(attacks.billion_laughs())
    with pytest.raises(CommandError, match=r"plan.yaml: line 2: aliases \(\*a\) are not"):
        call_command("plans", "import", str(laughs), "--organisation", "fukushima")
    bomb = tmp_path / "affiliations.xlsx"
    bomb.write_bytes(attacks.understated(attacks.zip_bomb()))
    with pytest.raises(CommandError, match="not an XLSX workbook"):
        call_command("partners", "import", str(bomb), "--organisation", "fukushima")
    field = tmp_path / "actuals.csv"
    field.write_bytes(attacks.gigantic_field())
    with pytest.raises(CommandError, match="Row 2 is too long"):
        call_command("plans", "actuals", str(plan.pk), str(field))


def test_the_command_line_reads_more_rows_than_a_web_upload(client, owner, plan, tmp_path):
    rows = "".join(f"I-1,{year},{year - 1900}\n" for year in (2024, 2025, 2026))
    data = ("indicator,fiscal_year,value\n" + rows).encode()
    web = dataclasses.replace(uploads.WEB, max_rows=3)
    command_line = dataclasses.replace(uploads.COMMAND_LINE, max_rows=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(uploads, "WEB", web)
        patch.setattr(uploads, "COMMAND_LINE", command_line)
        client.force_login(owner)
        url = f"/staff/plans/{plan.pk}/actuals/import/"
        status, page = post(client, url, "actuals.csv", data, "en")
        assert status == 422
        assert "The file has too many rows (limit 3 rows)." in page
        path = tmp_path / "actuals.csv"
        path.write_bytes(data)
        call_command("plans", "actuals", str(plan.pk), str(path))
    assert sorted(Actual.objects.values_list("fiscal_year", "value")) == [
        (2024, 124),
        (2025, 125),
        (2026, 126),
    ]
