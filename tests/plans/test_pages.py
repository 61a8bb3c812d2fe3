"""Staff pages, the public dashboard, the reports, and derived indicators following the records."""

import io
from datetime import date

import pytest
from django.utils import translation
from pypdf import PdfReader

from glocal.partners.models import Exchange
from glocal.plans import derived, importer, report
from glocal.plans.models import Actual, Indicator, Review, YearLock
from tests.plans.test_files import SMALL

pytestmark = pytest.mark.django_db

WITH_DERIVED = SMALL.replace(
    "            actuals: {2024: {value: 130, sample: true, comment: 見本}}\n",
    "            actuals: {2024: {value: 130, sample: true, comment: 見本}}\n"
    "          - code: I-2\n"
    "            name: 交流事業の件数\n"
    "            direction: increase\n"
    "            baseline: {fy: 2023, value: 0}\n"
    "            targets: {2025: 2}\n"
    "            derived: partners.exchanges\n",
)


@pytest.fixture
def plan(home_org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as if committed
        _checked, done = importer.import_file(WITH_DERIVED.encode(), "p.yaml", home_org.pk)
    return done.plan


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def _logged_in(client, user):
    client.force_login(user)
    return client


def test_entering_a_years_actuals_in_one_form(client, plan, editor, english):
    indicator = Indicator.objects.get(code="I-1")
    url = f"/staff/plans/{plan.pk}/actuals/2025/"
    page = _logged_in(client, editor).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "sample value" not in page.content.decode()  # 2025 has no sample yet
    bad = client.post(url, {f"value-{indicator.pk}": "百"})
    assert bad.status_code == 422
    shown = f'id="error-{indicator.pk}">&#x27;百&#x27; は数値ではありません'
    assert shown in bad.content.decode()
    assert not Actual.objects.filter(fiscal_year=2025).exists()
    saved = client.post(url, {f"value-{indicator.pk}": "1,40", f"comment-{indicator.pk}": "達成"})
    assert saved.status_code == 302
    actual = Actual.objects.get(indicator=indicator, fiscal_year=2025)
    assert (actual.value, actual.comment, actual.entered_by) == (140, "達成", editor)
    tree = client.get(f"/staff/plans/{plan.pk}/?fy=2025").content.decode()
    assert 'class="grade grade-a"' in tree


def test_outsiders_see_only_the_dashboard_of_a_published_plan(client, plan, outsider):
    client = _logged_in(client, outsider)
    assert client.get(f"/staff/plans/{plan.pk}/").status_code == 404
    indicator = Indicator.objects.get(code="I-1")
    posted = client.post(f"/staff/plans/{plan.pk}/actuals/2025/", {f"value-{indicator.pk}": "1"})
    assert posted.status_code == 404
    assert client.get(f"/plans/{plan.pk}/").status_code == 404  # not published
    plan.is_public = True
    plan.save()
    assert client.get(f"/plans/{plan.pk}/").status_code == 200  # published: its dashboard
    # The staff pages and files hold reviews in progress, comments and who entered what.
    for url in ("", "report-FY2025.html", "export.yaml", f"indicators/{indicator.pk}/"):
        assert client.get(f"/staff/plans/{plan.pk}/{url}").status_code == 403, url
    refused = client.post(f"/staff/plans/{plan.pk}/actuals/2025/", {f"value-{indicator.pk}": "1"})
    assert refused.status_code == 403
    assert not Actual.objects.filter(fiscal_year=2025).exists()


def test_public_dashboard_marks_sample_values(client, plan, owner, english):
    client = _logged_in(client, owner)
    client.post(f"/staff/plans/{plan.pk}/publish/", {"published": "1"})
    client.logout()
    page = client.get(f"/plans/{plan.pk}/?fy=2024", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "小さな計画" in text
    assert "sample values made up for demonstration" in text
    assert "<svg" in text
    assert 'class="grade grade-a"' in text  # 130 against 120


def test_review_is_written_confirmed_and_the_year_locked(client, plan, editor, owner):
    node = plan.nodes.get(code="1-1")
    url = f"/staff/plans/{plan.pk}/review/2025/"
    client = _logged_in(client, editor)
    client.post(url, {f"evaluation-{node.pk}": "順調", f"next-{node.pk}": "継続", "action": "save"})
    review = Review.objects.get()
    assert (review.status, review.written_by) == ("draft", editor)
    assert (
        client.post(url, {"action": "confirm", f"evaluation-{node.pk}": "順調"}).status_code == 403
    )
    assert client.post(f"/staff/plans/{plan.pk}/lock/2025/").status_code == 403
    client = _logged_in(client, owner)
    client.post(
        url, {f"evaluation-{node.pk}": "順調", f"next-{node.pk}": "継続", "action": "confirm"}
    )
    review.refresh_from_db()
    assert (review.status, review.confirmed_by) == ("confirmed", owner)
    client.post(f"/staff/plans/{plan.pk}/lock/2025/")
    assert YearLock.objects.filter(plan=plan, fiscal_year=2025).exists()
    indicator = Indicator.objects.get(code="I-1")
    refused = client.post(f"/staff/plans/{plan.pk}/actuals/2025/", {f"value-{indicator.pk}": "9"})
    assert refused.status_code == 422
    assert not Actual.objects.filter(fiscal_year=2025).exists()


def test_pdf_report_has_the_japanese_title_and_the_xlsx_a_chart(client, plan, owner):
    Review.objects.create(node=plan.nodes.get(code="1-1"), fiscal_year=2024, evaluation="順調")
    pdf = report.to_pdf(plan, 2024)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for words in ("小さな計画", "相談件数", "順調"):
        assert words in text
    assert "見本" in text  # the sample value is labelled
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("CJK" in name for name in fonts), fonts  # Japanese glyphs embedded
    response = _logged_in(client, owner).get(f"/staff/plans/{plan.pk}/report-FY2024.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert client.get(f"/staff/plans/{plan.pk}/report-FY2040.pdf").status_code == 404


def test_derived_indicator_follows_exchange_records(
    plan, home_org, django_capture_on_commit_callbacks
):
    from glocal.partners.models import Affiliation
    from glocal.places.models import Country, ForeignLocalGovernment

    partner = ForeignLocalGovernment.objects.create(
        owner=home_org, country=Country.objects.get(code="US"), name_local="Testville"
    )
    derived.recompute_plan(plan, 2025)  # a past year is computed first on demand
    assert Actual.objects.get(indicator__code="I-2", fiscal_year=2025).value == 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        affiliation = Affiliation.objects.create(
            owner=home_org,
            local_government=home_org.local_government,
            partner=partner,
            kind="sister",
            signed_on=date(2000, 1, 1),
        )
        for day in (date(2025, 5, 1), date(2025, 11, 3), date(2026, 3, 31)):
            Exchange.objects.create(affiliation=affiliation, started_on=day, participants=5)
    assert len(callbacks) == 1  # four changes, one recomputation
    computed = Actual.objects.get(indicator__code="I-2", fiscal_year=2025)
    assert computed.value == 3
    assert "exchanges" in computed.provenance
    assert not computed.sample
    with django_capture_on_commit_callbacks(execute=True):
        Exchange.objects.filter(started_on=date(2026, 3, 31)).get().delete()
    assert Actual.objects.get(indicator__code="I-2", fiscal_year=2025).value == 2


def test_reviews_through_the_api(client, plan, issue_token, home_org):
    from glocal.orgs.models import Role

    editor_token = issue_token(home_org, Role.EDITOR)
    url = f"/api/v1/plans/{plan.pk}/reviews/2025"
    body = {"reviews": {"1-1": {"evaluation": "順調", "next_step": "継続"}}}
    saved = client.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {editor_token}"
    )
    assert saved.json() == {"saved": 1}
    assert Review.objects.get().status == "draft"
    confirm = client.post(
        url,
        {**body, "confirm": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {editor_token}",
    )
    assert confirm.status_code == 403
    unknown = client.post(
        url,
        {"reviews": {"9-9": {"evaluation": "x"}}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {editor_token}",
    )
    assert unknown.status_code == 422
    assert "9-9" in unknown.content.decode()


def test_what_no_plan_has_is_refused_not_crashed(client, plan, owner, issue_token, home_org):
    from glocal.orgs.models import Role

    client = _logged_in(client, owner)
    indicator = Indicator.objects.get(code="I-1")
    for url in ("review/1/", "actuals/99999/", "report-FY1999.pdf"):
        assert client.get(f"/staff/plans/{plan.pk}/{url}").status_code == 404, url
    assert client.post(f"/staff/plans/{plan.pk}/lock/1/").status_code == 404
    assert not YearLock.objects.exists()
    for value in ("inf", "nan", "1e400"):
        answer = client.post(
            f"/staff/plans/{plan.pk}/actuals/2025/", {f"value-{indicator.pk}": value}
        )
        assert answer.status_code == 422, value
    assert (
        client.post(f"/staff/plans/{plan.pk}/review/2025/", {"evaluation-²": "x"}).status_code
        == 422
    )
    token = issue_token(home_org, Role.ADMIN)
    api = f"/api/v1/plans/{plan.pk}"
    headers = {"content_type": "application/json", "HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert (
        client.post(
            f"{api}/actuals", {"fiscal_year": 2025, "values": {"²": "1"}}, **headers
        ).status_code
        == 422
    )
    assert client.post(f"{api}/recompute/9999", **headers).status_code == 422
    assert client.post(f"{api}/locks/1", **headers).status_code == 422
    assert not Actual.objects.filter(fiscal_year=2025).exists()


def test_a_chart_of_equal_negative_values_and_a_formula_like_title(plan):
    indicator = Indicator.objects.get(code="I-1")
    indicator.baseline, indicator.name = -500, "=HYPERLINK(1)"
    indicator.save()
    indicator.targets.all().delete()
    indicator.actuals.all().delete()
    from glocal.plans import charts

    assert "<polyline" not in charts.indicator_chart(indicator, plan.end_fy)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(report.to_xlsx(plan, 2025)))
    cell = book.worksheets[1]["B2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")


@pytest.fixture
def in_fy2026(monkeypatch):
    """Today is in FY2026, the plan's last year, which is still running."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 11, 27))


def _publish(client, plan, owner):
    _logged_in(client, owner).post(f"/staff/plans/{plan.pk}/publish/", {"published": "1"})
    client.logout()


def test_dashboard_opens_on_the_latest_year_with_figures(client, plan, owner, english, in_fy2026):
    _publish(client, plan, owner)
    page = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "FY2024" in page.split("<h2>")[1]  # the year of the only actual, not FY2026
    assert "sample values made up for demonstration" in page
    Actual.objects.create(indicator=Indicator.objects.get(code="I-1"), fiscal_year=2025, value=141)
    page = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "FY2025" in page.split("<h2>")[1]
    # 2025 itself is real, but its chart plots the 2024 sample: the notice still shows.
    assert "sample values made up for demonstration" in page


def test_a_running_years_derived_counts_are_not_graded(client, plan, owner, english, in_fy2026):
    indicator = Indicator.objects.get(code="I-2")
    indicator.targets.create(fiscal_year=2026, value=10)
    Actual.objects.update_or_create(
        indicator=indicator, fiscal_year=2026, defaults={"value": 1, "provenance": "so far"}
    )
    _publish(client, plan, owner)
    page = client.get(f"/plans/{plan.pk}/?fy=2026", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Year in progress" in page
    assert "Year in progress: counted so far, not graded." in page
    card = page.split(f'id="ind-{indicator.pk}"')[1].split("</section>")[0]
    assert "grade-d" not in card  # 1 of 10 so far would read as D
    assert "10.0%" not in card
    assert "No actual entered for this year." in page  # I-1 has none for 2026


def test_a_report_plots_nothing_after_its_year(plan, english):
    html = report.to_html(plan, 2024)
    chart = html.split('aria-label="相談件数')[1].split("</svg>")[0]
    assert ">2024<" in chart
    assert ">2025<" not in chart
    assert ">2026<" not in chart


def test_dashboard_asks_for_last_years_actuals(client, plan, editor, member, in_fy2026):
    client = _logged_in(client, editor)
    page = client.get("/staff/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    item = f'href="/staff/plans/{plan.pk}/actuals/2025/"><span class="figure">1</span>'
    assert item in page  # I-1 has no 2025 actual; the derived I-2 is counted by the system
    Actual.objects.create(indicator=Indicator.objects.get(code="I-1"), fiscal_year=2025, value=1)
    assert item.split("<span")[0] not in client.get("/staff/").content.decode()
    assert "/actuals/2025/" not in _logged_in(client, member).get("/staff/").content.decode()


def test_published_plans_are_listed_publicly(client, plan, owner):
    assert plan.title not in client.get("/plans/").content.decode()
    _publish(client, plan, owner)
    page = client.get("/plans/").content.decode()
    assert f'href="/plans/{plan.pk}/"' in page
