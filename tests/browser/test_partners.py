"""Importing affiliations in Chromium: a file with problems, listed by row; fixed; imported."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_staff import log_in
from tests.partners.test_importer import GOOD

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_a_file_with_errors_fix_it_and_import(
    page, editor, tmp_path, screenshot, places_beyond_home
):
    bad = tmp_path / "affiliations.csv"
    bad.write_bytes((GOOD + "福島県,,米国,,Testville,謎,令和2年13月1日,,\n").encode("cp932"))
    log_in(page, "editor")
    page.get_by_role("link", name="姉妹都市", exact=True).click()
    page.get_by_role("link", name="CSV・XLSXファイルを取り込む").click()
    page.get_by_label("ファイル").set_input_files(str(bad))
    page.get_by_role("button", name="ファイルを確認").click()
    problems = page.locator("table.problems tbody tr")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("5")
    expect(problems.nth(0)).to_contain_text("kind")
    expect(problems.nth(1)).to_contain_text("signed_on")
    screenshot("partners-import-errors")

    fixed = tmp_path / "fixed.csv"
    fixed.write_bytes(GOOD.encode("cp932"))
    page.get_by_label("ファイル").set_input_files(str(fixed))
    page.get_by_role("button", name="ファイルを確認").click()
    expect(page.get_by_role("heading", name="3行を取り込めます")).to_be_visible()
    page.get_by_role("button", name="取り込む").click()
    expect(page.get_by_role("status")).to_contain_text("3件を追加")
    expect(page.locator("table tbody tr")).to_have_count(3)

    page.get_by_role("link", name="統計").click()
    expect(page.locator("svg.chart").first).to_be_visible()
    expect(page.get_by_role("row", name="アメリカ合衆国")).to_be_visible()
    screenshot("partners-statistics")
