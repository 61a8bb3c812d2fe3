"""The restrictions matrix in Chromium: one prefecture on two dates, at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from glocal.orgs.models import Organisation
from glocal.places.models import LocalGovernment
from glocal.trade import demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_measures():
    place = LocalGovernment.objects.get(code="070009")
    Organisation.objects.create(
        slug="fukushima-pref",
        name=place.name,
        name_en=place.name_en,
        kind=Organisation.Kind.PREFECTURE,
        local_government=place,
    )
    demo.load(lambda line: None)


def test_matrix_for_two_dates(page, demo_measures, screenshot):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/trade/")
    page.get_by_label("都道府県").select_option("070009")
    page.get_by_label("日付").fill("2020-01-01")
    page.get_by_role("button", name="表示").click()
    matrix = page.locator("table.trade-matrix")
    expect(matrix.get_by_role("rowheader", name="アメリカ合衆国 (US) ※")).to_be_visible()
    expect(matrix.get_by_role("rowheader", name="大韓民国 (KR)")).to_be_visible()
    expect(matrix.get_by_role("rowheader", name="香港 (HK)")).to_have_count(0)
    expect(matrix.get_by_role("rowheader", name="欧州連合 (EU) ※")).to_be_visible()
    screenshot("trade-matrix-2020")
    page.set_viewport_size({"width": 390, "height": 800})
    screenshot("trade-matrix-2020-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("日付").fill("2024-12-31")
    page.get_by_role("button", name="表示").click()
    expect(matrix.get_by_role("rowheader", name="香港 (HK)")).to_be_visible()
    expect(matrix.get_by_role("rowheader", name="アメリカ合衆国 (US) ※")).to_have_count(0)
    expect(matrix.get_by_role("rowheader", name="欧州連合 (EU) ※")).to_have_count(0)  # lifted
    expect(page.get_by_text("公式の情報源で確認していない例示").first).to_be_visible()
    screenshot("trade-matrix-2024")
    page.set_viewport_size({"width": 390, "height": 800})
    screenshot("trade-matrix-2024-phone")
