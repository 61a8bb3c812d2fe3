"""Staff list pages at a laptop's and a phone's width, with the demo data: no table runs out of
the page. A table sits in a .table-wrap that scrolls sideways; on a laptop it fits whole."""

from io import StringIO

import pytest
from django.core.management import call_command

from glocal.core.demo import DEMO_PASSWORD
from tests.japanese_pages import demo_pages

pytestmark = pytest.mark.django_db(transaction=True)

LIST_PAGES = (
    "notices", "partners", "partners-statistics", "affiliation", "plans", "organisation",
    "tokens", "audit", "places",
)  # fmt: skip
WIDTHS = {"laptop": 1280, "phone": 390}

MEASURE = """() => {
  const root = document.documentElement;
  return {
    page: [root.scrollWidth, root.clientWidth],
    tables: [...document.querySelectorAll("main table")].map((table) => {
      const wrap = table.closest(".table-wrap");
      return {
        wrapped: wrap !== null && getComputedStyle(wrap).overflowX === "auto",
        width: table.scrollWidth,
        room: wrap ? wrap.clientWidth : root.clientWidth,
        headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim()),
      };
    }),
  };
}"""


@pytest.fixture
def demo_staff(browser, live_server):
    call_command("load_demo", stdout=StringIO())
    pages = dict(demo_pages()["staff"])

    def open_at(width: int):
        context = browser.new_context(
            base_url=live_server.url, locale="ja-JP", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/accounts/login/")
        page.get_by_label("ユーザー名").fill("fukushima.admin")
        page.get_by_label("パスワード").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="ログイン").click()
        page.wait_for_url("**/staff/")
        return context, page

    return pages, open_at


@pytest.mark.parametrize("device", WIDTHS)
def test_tables_fit_or_scroll_in_their_wrapper(demo_staff, device):
    from tests.browser.conftest import SCREENSHOTS

    pages, open_at = demo_staff
    context, page = open_at(WIDTHS[device])
    problems = []
    try:
        for name in LIST_PAGES:
            page.goto(pages[name])
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"table-{name}-{device}.png"), full_page=True)
            seen = page.evaluate(MEASURE)
            scroll, client = seen["page"]
            if scroll > client:
                problems.append(f"{name}: the page is {scroll}px wide in {client}px")
            for table in seen["tables"]:
                if not table["wrapped"]:
                    problems.append(f"{name}: a table {table['headers']} has no scroll wrapper")
                if device == "laptop" and table["width"] > table["room"]:
                    problems.append(
                        f"{name}: table {table['headers']} is {table['width']}px "
                        f"in {table['room']}px; the last columns are hidden"
                    )
    finally:
        context.close()
    assert problems == []
