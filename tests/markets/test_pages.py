"""Staff and public markets pages: overview, country profile, XLSX, import, weights."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from glocal.core import registry
from glocal.markets.models import FactorWeight, FocusMarket, Statistic, StatisticImport
from glocal.orgs.models import AuditEvent
from glocal.places.models import Country
from tests.markets.conftest import monthly


@pytest.fixture
def yamagata_org(other_org):
    return other_org  # the other organisation of the suite acts for Yamagata


@pytest.fixture
def figures(yamagata_markets, load_figures):
    rows = monthly("export_value", "TW", "060003", 2025, [1_000_000] * 12)
    load_figures(rows, sample=True)


def test_the_staff_overview_ranks_the_markets(client, outsider, figures):
    client.force_login(outsider)  # an administrator of Yamagata's organisation
    response = client.get("/staff/markets/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    assert "台湾" in text
    assert "66.7 %" in text  # Taiwan's share of Yamagata's foreign stays
    assert "sample figures made up for demonstration" in text


def test_a_country_profile_shows_figures_score_and_sample_note(client, outsider, figures):
    client.force_login(outsider)
    response = client.get("/staff/markets/countries/TW/", HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Focus-market score" in text
    assert "Exports from the prefecture (yen)" in text
    assert "<svg" in text
    assert "sample figures made up for demonstration" in text


def test_a_country_with_nothing_shows_so(client, outsider, figures):
    client.force_login(outsider)
    text = client.get("/staff/markets/countries/IS/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No visitor or export figures for this country yet." in text
    assert "Focus-market score" not in text
    # Every app's section is there, saying it has nothing.
    for title in ("Affiliations and recent exchanges", "Events held there"):
        assert f">{title}</h2>" in text
    assert text.count("Nothing recorded for this country.") == len(registry.COUNTRY_SECTIONS)


def test_the_profile_workbook_has_the_tables_guarded(client, outsider, figures):
    client.force_login(outsider)
    response = client.get("/staff/markets/countries/TW.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert {"visitor_arrivals", "overnight_stays", "export_value", "score"} <= set(book.sheetnames)
    # A native chart next to each table, reading the table's own cells.
    charts = book["visitor_arrivals"]._charts
    assert [type(chart).__name__ for chart in charts] == ["LineChart"]
    assert len(book["score"]._charts) == 1


def test_the_public_profile_needs_no_login_and_hides_private_figures(
    client, figures, home_org, yamagata_org
):
    Statistic.objects.filter(measure__key="export_value").update(is_public=False)
    response = client.get(f"/markets/{yamagata_org.slug}/countries/TW/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Visitor arrivals to Japan" in text
    assert "Exports from the prefecture" not in text
    assert client.get("/markets/no-such-org/countries/TW/").status_code == 404
    assert client.get(f"/markets/{yamagata_org.slug}/countries/XX/").status_code == 404
    assert client.get(f"/markets/{yamagata_org.slug}/").status_code == 200
    assert client.get("/markets/").status_code == 200


def test_staff_pages_need_a_login(client, db):
    for url in (
        "/staff/markets/",
        "/staff/markets/countries/TW/",
        "/staff/markets/countries/TW.xlsx",
    ):
        assert client.get(url).status_code == 302


def test_a_viewer_cannot_import_or_change_weights(client, member, home_org):
    client.force_login(member)
    upload = SimpleUploadedFile("f.csv", b"measure,period,value\nvisitor_arrivals,2025-04,1\n")
    assert client.post("/staff/markets/import/", {"file": upload}).status_code == 403
    client.post("/staff/markets/weights/", {"markets.growth": "3"})
    assert not FactorWeight.objects.exists()


def test_an_upload_is_imported_in_the_background(
    client, editor, home_org, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    upload = SimpleUploadedFile(
        "f.csv",
        b"measure,period,country,value\nvisitor_arrivals,2025-04,TW,1\nvisitor_arrivals,x,TW,1\n",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/markets/import/", {"file": upload})
    job = StatisticImport.objects.get(owner=home_org)
    assert job.state == "failed"
    assert job.problems[0][:2] == [3, "period"]
    assert not Statistic.objects.exists()
    upload = SimpleUploadedFile(
        "g.csv", b"measure,period,country,value\nvisitor_arrivals,2025-04,TW,1\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/markets/import/", {"file": upload})
    assert Statistic.objects.get(owner=home_org).value == 1
    text = client.get("/staff/markets/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "g.csv" in text


def test_an_editor_sets_the_weights(client, editor, home_org):
    client.force_login(editor)
    client.post(
        "/staff/markets/weights/",
        {
            "markets.growth": "3",
            "markets.flow_size": "1",
            "markets.location_quotient": "1",
            "markets.seasonal_fit": "1",
            "partners.sister_ties": "0",
        },
    )
    assert FactorWeight.objects.get(owner=home_org, factor="markets.growth").weight == 3
    client.post("/staff/markets/weights/", {"markets.growth": "11"})
    assert FactorWeight.objects.get(owner=home_org, factor="markets.growth").weight == 3


def test_jntos_table_is_imported_from_the_staff_page(
    client, editor, home_org, django_capture_on_commit_callbacks
):
    from tests.markets.test_layouts import EXAMPLE

    client.force_login(editor)
    upload = SimpleUploadedFile("jnto.csv", EXAMPLE.encode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/markets/import/", {"file": upload, "layout": "jnto-arrivals"})
    job = StatisticImport.objects.get(owner=home_org)
    assert (job.state, job.layout, job.created) == ("done", "jnto-arrivals", 27)
    upload = SimpleUploadedFile("jnto.csv", EXAMPLE.replace("（2025年）", "").encode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/markets/import/", {"file": upload, "layout": "jnto-arrivals"})
    failed = StatisticImport.objects.filter(owner=home_org, state="failed").get()
    assert "年が見つかりません" in failed.problems[0][2]
    upload = SimpleUploadedFile("jnto.csv", EXAMPLE.encode())
    response = client.post("/staff/markets/import/", {"file": upload, "layout": "../tidy"})
    assert response.status_code == 302
    assert StatisticImport.objects.filter(owner=home_org).count() == 2


def test_an_editor_chooses_the_focus_markets(client, editor, home_org, other_org):
    FocusMarket.objects.create(owner=other_org, country="KR")
    client.force_login(editor)
    page = client.get("/staff/markets/focus/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Save the focus markets" in page.content.decode()
    response = client.post("/staff/markets/focus/", {"country": ["TW"], "other": "us、ｔｈ"})
    assert response.status_code == 302
    assert sorted(FocusMarket.objects.filter(owner=home_org).values_list("country", flat=True)) == [
        "TH", "TW", "US",
    ]  # fmt: skip
    assert AuditEvent.objects.filter(model="markets.FocusMarket").count() == 4  # KR + 3 added
    client.post("/staff/markets/focus/", {"country": ["TW"]})
    assert list(FocusMarket.objects.filter(owner=home_org).values_list("country", flat=True)) == [
        "TW"
    ]
    overview = client.get("/staff/markets/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "台湾" in overview
    # Another organisation's choice is left alone.
    assert FocusMarket.objects.filter(owner=other_org, country="KR").exists()


def test_unknown_or_too_many_focus_markets_change_nothing(client, editor, home_org):
    client.force_login(editor)
    FocusMarket.objects.create(owner=home_org, country="TW")
    response = client.post(
        "/staff/markets/focus/", {"country": ["US"], "other": "ZZ"}, follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert "Unknown country codes: ZZ" in response.content.decode()
    too_many = list(Country.objects.values_list("code", flat=True)[:31])
    response = client.post(
        "/staff/markets/focus/", {"country": too_many}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Choose at most 30 focus markets." in response.content.decode()
    assert list(FocusMarket.objects.values_list("country", flat=True)) == ["TW"]


def test_viewers_and_outsiders_cannot_change_the_focus_markets(
    client, member, outsider, home_org, other_org
):
    FocusMarket.objects.create(owner=home_org, country="TW")
    client.force_login(member)
    page = client.get("/staff/markets/focus/").content.decode()
    assert 'value="TW" checked disabled' in page
    assert client.post("/staff/markets/focus/", {"country": ["US"]}).status_code == 403
    client.force_login(outsider)  # an administrator of Yamagata's organisation
    client.post("/staff/markets/focus/", {"country": ["US"]})
    assert list(FocusMarket.objects.filter(owner=home_org).values_list("country", flat=True)) == [
        "TW"
    ]
    assert FocusMarket.objects.get(owner=other_org).country == "US"  # its own, not home's
    client.logout()
    assert client.get("/staff/markets/focus/").status_code == 302
