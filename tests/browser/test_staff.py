import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill("correct-horse-battery")
    page.get_by_role("button", name="ログイン").click()


def test_log_in_switch_language_and_search_a_municipality(page, owner, screenshot):
    log_in(page, "owner")
    expect(page.get_by_role("heading", level=1)).to_have_text("ダッシュボード")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    screenshot("dashboard-ja")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("link", name="Places", exact=True).click()
    page.get_by_label("Name, kana, romaji or code").fill("池田町")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("4 places match")
    rows = page.locator("table.results tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.first).to_contain_text("北海道")
    screenshot("places-search-en")

    # Nagano's 池田町 reads いけだまち; the other three read いけだちょう.
    page.get_by_label("Name, kana, romaji or code").fill("イケダマチ")
    page.get_by_role("button", name="Search").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("長野県")

    page.get_by_label("Name, kana, romaji or code").fill("072028")
    page.get_by_role("button", name="Search").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("会津若松市")
    expect(rows.first).to_contain_text("Aizuwakamatsu City")


def test_wrong_password_is_explained(page, owner):
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill("owner")
    page.get_by_label("パスワード").fill("not-the-password")
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url("/accounts/login/")


def test_organisation_switcher(page, owner, other_org, screenshot):
    from glocal.orgs.models import Membership

    Membership.objects.create(user=owner, organisation=other_org, role="viewer")
    log_in(page, "owner")
    lead = page.locator(".lead")
    expect(lead).to_have_text("福島県の管理者として作業しています。")  # highest role first
    page.get_by_label("作業中の団体").select_option(label="山形県")
    page.get_by_role("button", name="切り替え").click()
    expect(lead).to_have_text("山形県の閲覧者として作業しています。")
    page.reload()
    expect(lead).to_have_text("山形県の閲覧者として作業しています。")  # kept in the session
    screenshot("switcher")


def test_public_home_in_both_languages_without_javascript(browser, live_server, screenshot):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="ja-JP"
    )
    page = context.new_page()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Name, kana, romaji or code").fill("sapporo")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("table.results")).to_contain_text("011002")
    context.close()
