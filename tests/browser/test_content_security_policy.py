"""Pages under the Content-Security-Policy in Chromium: nothing refused, scripts still work
(htmx on the Easy Japanese panel, Swagger UI on the API docs)."""

import pytest
from playwright.sync_api import expect

from glocal.plans import importer
from tests.browser.test_plans import DATA
from tests.browser.test_staff import log_in

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in every document before the page's own scripts (Playwright's injection is not subject
# to the page's policy) and keeps each refusal the browser reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, and a check that neither the console nor the DOM saw a policy refusal."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)

    def assert_clean(where: str) -> None:
        page.wait_for_load_state("networkidle")
        refused = page.evaluate("window.__cspViolations")
        policy_messages = [m for m in console if "Content Security Policy" in m]
        assert (refused, policy_messages) == ([], []), where

    return page, assert_clean


def test_staff_pages_and_htmx_under_the_policy(watched, member, screenshot):
    page, assert_clean = watched
    page.goto("/admin/login/")
    assert_clean("admin login")
    log_in(page, "member")
    expect(page.get_by_role("heading", level=1)).to_have_text("ダッシュボード")
    assert_clean("staff dashboard")

    page.get_by_role("link", name="やさしい日本語").click()
    # Type only once the page's scripts have run: typing into a page still loading is an
    # input htmx never saw (the Check button and the change on leaving the field remain).
    expect(page.get_by_role("heading", level=1)).to_have_text("やさしい日本語チェック")
    page.wait_for_load_state("load")
    page.get_by_label("日本語の文章").fill("本日、直ちに高台へ避難し、ご注意ください。")
    # htmx answered the typing: its script ran and swapped the result in.
    result = page.locator("#easyja-result")
    # The first analysis in a run loads the MeCab dictionary: allow it more than the default.
    expect(result.get_by_text("書きかえ： 注意してください")).to_be_visible(timeout=30_000)
    assert_clean("Easy Japanese panel")
    screenshot("csp-easyja-panel")


def test_resident_portal_under_the_policy(watched, published_demo):
    page, assert_clean = watched
    page.goto("/residents/ja/?area=072028")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name=published_demo.published_version.text("ja").title).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_clean("resident portal")


def test_api_docs_list_the_operations_under_the_policy(watched, screenshot):
    page, assert_clean = watched
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", name="Glocal API")).to_be_visible()
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    assert operations.count() > 10
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/places/").first).to_be_visible()
    assert_clean("API docs")
    screenshot("csp-api-docs")


def test_admin_under_the_policy(watched, owner):
    owner.is_staff = owner.is_superuser = True
    owner.save()
    page, assert_clean = watched
    page.goto("/admin/login/")
    page.get_by_label("ユーザー名").fill("owner")
    page.get_by_label("パスワード").fill("correct-horse-battery")
    page.get_by_role("button", name="ログイン").click()
    expect(page.locator("#site-name")).to_be_visible()
    assert_clean("admin index")
    page.goto(f"/admin/auth/user/{owner.pk}/change/")
    expect(page.locator("#id_username")).to_have_value("owner")
    assert_clean("admin user form")


@pytest.fixture
def plan(home_org):
    data = (DATA / "fukushima_international_plan.yaml").read_bytes()
    return importer.import_file(data, "plan.yaml", home_org.pk)[1].plan


def test_plan_tree_indents_without_style_attributes(watched, editor, plan):
    """The tree's levels were inline styles, which the policy refuses; now classes."""
    page, assert_clean = watched
    log_in(page, "editor")
    page.goto(f"/staff/plans/{plan.pk}/")
    rows = page.locator("table.plan-tree tbody th[scope=row]")
    expect(rows.first).to_be_visible()
    indents = {
        float(rows.nth(i).evaluate("th => getComputedStyle(th).paddingLeft").removesuffix("px"))
        for i in range(rows.count())
    }
    assert len(indents) > 1, "deeper levels are indented further"
    assert_clean("plan tree")
