"""Country profiles in Chromium: China, with an affiliation, an event and restrictions in force
for Fukushima, and France, with nothing from any app; at 1280 and 390 px, under the
Content-Security-Policy."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from glocal.events.models import Event
from glocal.markets import importer as statistics
from glocal.markets import services as markets
from glocal.orgs.actors import Actor
from glocal.orgs.models import Role
from glocal.partners.models import Affiliation
from glocal.places.models import Country, ForeignLocalGovernment, LocalGovernment
from glocal.trade import importer as restrictions
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS
from tests.browser.test_staff import log_in
from tests.markets.conftest import monthly

pytestmark = pytest.mark.django_db(transaction=True)

MEASURES = (
    "国・地域,措置,件名,対象都道府県,品目,開始日\n"
    "CN,輸入停止,全国の水産物,全都道府県,水産物,2023-08-24\n"
)


@pytest.fixture
def china_ties(home_org):
    """Fukushima (the home organisation) with a friendship city in China, a public event held
    in Shanghai last month, China's ban on Japanese seafood, and two years of arrivals."""
    from glocal.markets.demo import built_in_measures

    built_in_measures()  # an earlier browser test flushed what the migration added
    china = Country.objects.get(code="CN")
    actor = Actor(via="test", _roles={home_org.pk: Role.ADMIN})
    partner = ForeignLocalGovernment.objects.create(
        owner=home_org, country=china, name_local="南昌市", name_en="Nanchang"
    )
    Affiliation.objects.create(
        owner=home_org, local_government=LocalGovernment.objects.get(code="070009"),
        partner=partner, kind="friendship", signed_on=date(2016, 5, 1),
    )  # fmt: skip
    start = timezone.now() - timedelta(days=30)
    Event.objects.create(
        owner=home_org, kind="seminar", title={"ja": "上海観光商談会"}, venue_country=china,
        starts_at=start, ends_at=start + timedelta(hours=3), timezone="Asia/Shanghai",
    )  # fmt: skip
    checked = restrictions.check(restrictions.read_table(MEASURES.encode(), "m.csv"))
    assert not checked.problems, checked.problems
    restrictions.write(actor, home_org.pk, checked.rows)
    rows = monthly("visitor_arrivals", "CN", "", 2024, [500_000 + 10_000 * m for m in range(12)])
    rows += monthly("visitor_arrivals", "CN", "", 2025, [700_000 + 9_000 * m for m in range(12)])
    header = ["measure", "period", "country", "prefecture", "hs_code", "value", "status"]
    found = statistics.check([header, *rows], home_org.pk)
    assert not found.problems, found.problems
    markets.import_rows(actor, home_org.pk, found.rows, "arrivals.csv", sample=True)


@pytest.fixture
def watched(page):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)

    def assert_clean(where: str) -> None:
        page.wait_for_load_state("networkidle")
        refused = page.evaluate("window.__cspViolations")
        policy = [m for m in console if "Content Security Policy" in m]
        assert (refused, policy) == ([], []), where

    return page, assert_clean


def _sections(page) -> dict[str, object]:
    return {
        title: page.locator("section.country-section").filter(
            has=page.get_by_role("heading", name=title, exact=True)
        )
        for title in ("提携と最近の交流", "現地で開催した事業", "日本産品の輸入規制")
    }


def test_profiles_of_a_country_with_ties_and_one_without(watched, member, china_ties, screenshot):
    page, assert_clean = watched
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "member")
    page.goto("/staff/markets/countries/CN/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("中華人民共和国")
    expect(page.get_by_text("デモ用に作成した見本の数値").first).to_be_visible()
    expect(page.locator("svg.chart").first).to_be_visible()
    sections = _sections(page)
    expect(sections["提携と最近の交流"]).to_contain_text("南昌市")
    expect(sections["現地で開催した事業"]).to_contain_text("上海観光商談会")
    expect(sections["日本産品の輸入規制"]).to_contain_text("輸入停止")
    expect(sections["日本産品の輸入規制"]).to_contain_text("水産物")
    expect(page.get_by_text("この国・地域についての記録はありません。")).to_have_count(0)
    assert_clean("China's profile")
    screenshot("markets-country-cn")
    page.set_viewport_size({"width": 390, "height": 800})
    screenshot("markets-country-cn-phone")
    # The chart's text is as tall on a phone as the page's small print, and its month labels
    # do not run into each other.
    heights = page.eval_on_selector_all(
        "svg.chart.monthly text",
        "texts => texts.filter(t => t.getBBox().width && getComputedStyle(t).display != 'none')"
        ".map(t => t.getBoundingClientRect().height)",
    )
    assert heights, "no chart text"
    assert min(heights) >= 12, heights
    months = page.eval_on_selector_all(
        "svg.chart.monthly text:not(.value)",
        "texts => texts.filter(t => getComputedStyle(t).display != 'none')"
        ".map(t => [t.getBoundingClientRect().left, t.getBoundingClientRect().right])",
    )
    assert all(a[1] < b[0] for a, b in pairwise(months)), months
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow, "the page scrolls sideways on a phone"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/staff/markets/countries/FR/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("フランス")
    expect(page.get_by_text("この国・地域の訪日客・輸出の数値はまだありません。")).to_be_visible()
    for title, section in _sections(page).items():
        expect(section, title).to_contain_text("この国・地域についての記録はありません。")
    assert_clean("France's profile")
    screenshot("markets-country-fr")
    page.set_viewport_size({"width": 390, "height": 800})
    screenshot("markets-country-fr-phone")


def test_an_editor_chooses_focus_markets(page, editor, china_ties, screenshot):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "editor")
    page.goto("/staff/markets/")
    page.get_by_role("link", name="団体の重点市場").click()
    page.get_by_label("中華人民共和国 (CN)").check()
    page.get_by_label("その他の国・地域（ISOコード、カンマ区切り）").fill("tw")
    page.get_by_role("button", name="重点市場を保存").click()
    expect(page.get_by_text("重点市場を保存しました。")).to_be_visible()
    expect(page.get_by_label("台湾 (TW)")).to_be_checked()
    screenshot("markets-focus")
    page.set_viewport_size({"width": 390, "height": 800})
    screenshot("markets-focus-phone")
