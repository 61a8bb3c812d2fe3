"""The Easy Japanese panel in Chromium: results follow the typing, findings are marked in place."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_staff import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_findings_update_as_you_type(page, member, screenshot):
    log_in(page, "member")
    page.get_by_role("link", name="やさしい日本語").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("やさしい日本語チェック")

    # Typing before htmx has loaded is lost (no handler yet): CI once failed this way.
    page.wait_for_function("() => window.htmx !== undefined")
    text = page.get_by_label("日本語の文章")
    text.fill("本日15:30ごろ、地震が発生しましたので、直ちに高台へ避難し、ご注意ください。")
    result = page.locator("#easyja-result")
    # No button press: htmx posts after the typing pauses.
    expect(result.locator("mark.finding-warning").first).to_be_visible(timeout=30_000)
    expect(result.get_by_text("書きかえ： 注意してください")).to_be_visible(timeout=30_000)
    expect(result.get_by_text("書きかえ： 午後3時30分")).to_be_visible()
    # The mark points at its findings: the sentence's (several ideas), and the honorific.
    ids = result.locator("mark", has_text="ご注意ください").get_attribute("aria-describedby")
    described = [result.locator(f"#{name}").inner_text() for name in ids.split()]
    assert any("注意してください" in item for item in described)
    assert any("1つの文で3つのこと" in item for item in described)
    expect(result.locator(".ruby-preview ruby").first).to_be_visible()
    screenshot("easyja-panel-findings")

    # Rewriting in Easy Japanese clears the warnings.
    text.fill("じしんが ありました。高い ところへ にげて ください。")
    expect(result.locator("mark.finding-warning")).to_have_count(0)
    expect(result.locator(".count-warning")).to_have_text("警告0件")
    expect(result.locator(".ruby-preview")).to_contain_text("にげて")

    # Furigana only past grade 6: none for this text.
    page.get_by_label("ふりがな").select_option("6")
    expect(result.locator(".ruby-preview ruby")).to_have_count(0)
    screenshot("easyja-panel-easy")


def test_works_without_javascript(browser, live_server, member):
    context = browser.new_context(
        base_url=live_server.url, locale="ja-JP", java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, "member")
    page.goto("/staff/easyja/")
    page.get_by_label("日本語の文章").fill("ご注意ください。")
    page.get_by_role("button", name="チェック").click()
    expect(page.locator("mark", has_text="ご注意ください")).to_be_visible()
    expect(page.get_by_text("書きかえ： 注意してください")).to_be_visible()
    context.close()


def test_keyboard_only(page, member):
    log_in(page, "member")
    page.goto("/staff/easyja/")
    page.get_by_label("日本語の文章").focus()
    page.keyboard.type("ご注意ください。")
    page.keyboard.press("Tab")
    expect(page.get_by_label("読み手が知っている漢字")).to_be_focused()
    expect(page.locator("#easyja-result mark")).to_have_count(1)
