"""Plans in Chromium: the demo plan's tree, entering a year's actuals, the grade changing."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from glocal.plans import actuals, importer
from glocal.plans.models import Indicator
from tests.browser.test_staff import log_in

pytestmark = pytest.mark.django_db(transaction=True)
DATA = Path(__file__).resolve().parents[2] / "src" / "glocal" / "plans" / "data"


@pytest.fixture
def fukushima_plan(home_org):
    data = (DATA / "fukushima_international_plan.yaml").read_bytes()
    _checked, done = importer.import_file(data, "plan.yaml", home_org.pk)
    data = (DATA / "fukushima_sample_actuals.csv").read_bytes()
    actuals.write(actuals.check_file(data, "a.csv", done.plan))
    return done.plan


def test_enter_actuals_and_see_the_grade_change(page, editor, fukushima_plan, screenshot):
    # F-06, languages of disaster information, is still typed in (most others are now counted
    # from the desk, events and trade): the sample FY2025 actual keeps the level of 14, so A;
    # 8 languages entered now must turn it to D.
    indicator = Indicator.objects.get(node__plan=fukushima_plan, code="F-06")
    log_in(page, "editor")
    page.get_by_role("link", name="計画", exact=True).click()
    page.get_by_role("link", name="福島県国際施策推進プラン").click()
    page.get_by_role("link", name="FY2025（令和7年度）").click()
    row = page.locator("p.indicator-line", has_text=indicator.name)
    expect(row.locator(".grade")).to_have_text("A")
    expect(row).to_contain_text("見本の値")
    screenshot("plans-tree")

    page.get_by_role("link", name="実績を入力").click()
    field = page.get_by_label(f"実績値: {indicator.name}")
    field.fill("多数")
    page.get_by_role("button", name="実績を保存").click()
    expect(page.locator(f"#error-{indicator.pk}")).to_have_text("'多数' は数値ではありません")
    expect(field).to_have_attribute("aria-invalid", "true")
    screenshot("plans-actuals-error")

    page.get_by_label(f"実績値: {indicator.name}").fill("8")
    page.get_by_role("button", name="実績を保存").click()
    expect(page.get_by_role("status")).to_contain_text("実績を")
    row = page.locator("p.indicator-line", has_text=indicator.name)
    expect(row.locator(".grade")).to_have_text("D")
    expect(row).not_to_contain_text("見本の値")  # entered by a person, no longer a sample

    row.get_by_role("link", name=indicator.name).click()
    expect(page.locator("svg.indicator-chart")).to_be_visible()
    expect(page.get_by_role("row", name="FY2025（令和7年度）")).to_contain_text("editor")
    screenshot("plans-indicator")
