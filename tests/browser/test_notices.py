"""Notices end to end in Chromium: staff compose and publish; residents read them."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_staff import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def log_out(page):
    page.get_by_role("button", name="ログアウト", exact=False).click()


def test_staff_compose_from_phrases_and_publish(page, editor, owner, screenshot):
    log_in(page, "editor")
    page.get_by_role("link", name="お知らせ", exact=True).click()
    page.get_by_role("link", name="新しいお知らせ").click()
    page.get_by_label("分類").select_option("heat")
    page.get_by_label("緊急度").select_option("advisory")
    page.locator("summary", has_text="熱中症").click()
    page.locator("input[value='heat.alert']").check()
    page.locator("input[value='heat.drink_water']").check()
    page.get_by_label("場所 {place}").select_option("072028")
    page.get_by_label("日付 {date}").fill("2026-11-21")
    page.get_by_role("button", name="全言語でプレビュー").click()
    preview = page.locator("section", has=page.get_by_role("heading", name="プレビュー"))
    expect(preview).to_contain_text("会津若松市")
    expect(preview.locator("[lang=vi]").first).to_be_visible()
    expect(preview.get_by_text("未確認").first).to_be_visible()
    screenshot("notice-preview")
    page.get_by_role("button", name="下書きを保存").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("下書き")
    # The author cannot approve their own version.
    expect(page.get_by_role("button", name="承認")).to_be_disabled()
    log_out(page)

    log_in(page, "owner")
    page.get_by_role("link", name="お知らせ", exact=True).click()
    page.locator("table a").first.click()
    page.get_by_role("button", name="承認").click()
    expect(page.get_by_role("status")).to_contain_text("承認しました")
    page.get_by_role("button", name="公開").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("公開中")
    screenshot("notice-published")


def test_resident_reads_in_vietnamese_and_easy_japanese(page, published_demo, screenshot):
    page.goto("/residents/")
    page.get_by_label("都道府県").select_option("070009")
    page.get_by_role("button", name="表示").click()
    page.get_by_label("市区町村").select_option("072028")
    page.get_by_role("button", name="表示").last.click()
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.locator(".notice-card h2 a").first.click()
    expect(page.locator("article [lang=vi] h1")).to_be_visible()
    expect(page.get_by_text("Bản dịch này")).to_be_visible()
    screenshot("portal-notice-vi")

    page.get_by_role("link", name="やさしい にほんご").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja-x-easy")
    expect(page.locator("article ruby").first).to_be_visible()
    screenshot("portal-notice-easy")

    for tag in ("my", "th", "km", "ne", "ko", "mn"):
        page.locator(f".languages a[lang={tag}]").click()
        expect(page.locator("html")).to_have_attribute("lang", tag)
        screenshot(f"portal-notice-{tag}")


def test_portal_on_a_phone_without_javascript(browser, live_server, published_demo):
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 360, "height": 740},
        locale="my-MM",
    )
    page = context.new_page()
    page.goto("/residents/my/?area=072028")
    expect(page.locator(".notice-card")).to_have_count(1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    page.screenshot(path="var/screenshots/portal-phone-my.png", full_page=True)
    context.close()
