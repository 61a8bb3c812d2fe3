"""Events in Chromium: registering in two scripts, then checking a ticket in on a phone-sized
screen, all under the Content-Security-Policy."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from glocal.events import services
from glocal.events.models import CheckIn, Registration
from glocal.orgs.actors import Actor
from glocal.orgs.models import Membership, Role
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS
from tests.browser.test_staff import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def seminar(home_org, other_org, editor):
    """A public seminar of the home organisation in Japanese and Vietnamese, co-hosted by the
    other organisation."""
    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    data = {
        "kind": "seminar",
        "title": {"ja": "外国人住民のための防災講座", "vi": "Lớp phòng chống thiên tai"},
        "description": {"ja": "地震のときの行動を学びます。", "vi": "Học cách ứng phó động đất."},
        "venue_name": "会津若松市役所",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "capacity": 30,
        "is_public": True,
        "languages": ["ja", "vi"],
        "questions": [
            {
                "key": "interpreter",
                "type": "yesno",
                "label": {"ja": "通訳が必要", "vi": "Cần phiên dịch"},
            }
        ],
    }
    return services.create_event(Actor(user=editor, via="test"), home_org.pk, data, [other_org.pk])


@pytest.fixture
def cohost(django_user_model, other_org):
    """A viewer of the co-hosting organisation: enough to check people in."""
    password = "correct-horse-battery"
    user = django_user_model.objects.create_user(username="cohost", password=password)
    Membership.objects.create(user=user, organisation=other_org, role=Role.VIEWER)
    return user


def watch(page) -> list[str]:
    """Console messages of the page; its policy refusals are recorded in the document."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    return console


def assert_clean(page, console, where: str) -> None:
    refused = page.evaluate("window.__cspViolations")
    policy_messages = [m for m in console if "Content Security Policy" in m]
    assert (refused, policy_messages) == ([], []), where


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_register_in_japanese_and_vietnamese(browser, live_server, seminar):
    for width, height in ((1280, 900), (PHONE["width"], PHONE["height"])):
        context = browser.new_context(
            base_url=live_server.url, locale="ja-JP", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        console = watch(page)

        page.goto(f"/events/{seminar.pk}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("外国人住民のための防災講座")
        page.get_by_label("お名前").fill(f"山田 花子 {width}")
        page.get_by_label("メールアドレス").fill(f"hanako{width}@example.jp")
        page.get_by_label("通訳が必要").select_option("no")
        page.get_by_role("button", name="参加を申し込む").click()
        expect(page.get_by_role("status")).to_have_text("参加が確定しました。")
        expect(page.get_by_text("受付でこのQRコードを見せてください。")).to_be_visible()
        expect(page.locator("img.ticket-qr")).to_be_visible()
        assert_clean(page, console, "ticket in Japanese")
        shoot(page, f"events-ticket-ja-{width}")

        page.goto(f"/events/{seminar.pk}/")
        page.get_by_role("link", name="Tiếng Việt").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Lớp phòng chống thiên tai")
        page.get_by_label("Họ tên").fill(f"Nguyễn Văn An {width}")
        page.get_by_label("Email").fill(f"an{width}@example.org")
        page.get_by_label("Cần phiên dịch").select_option("yes")
        page.get_by_role("button", name="Đăng ký").click()
        expect(page.get_by_role("status")).to_have_text("Chỗ của bạn đã được xác nhận.")
        expect(page.locator("[lang=vi]").get_by_text("Hãy xuất trình mã QR")).to_be_visible()
        expect(page.locator("img.ticket-qr")).to_be_visible()
        assert_clean(page, console, "ticket in Vietnamese")
        shoot(page, f"events-ticket-vi-{width}")
        context.close()

    languages = dict(Registration.objects.values_list("name", "language"))
    assert languages == {
        "山田 花子 1280": "ja", "Nguyễn Văn An 1280": "vi",
        "山田 花子 390": "ja", "Nguyễn Văn An 390": "vi",
    }  # fmt: skip
    assert Registration.objects.get(name="Nguyễn Văn An 390").answers == {"interpreter": True}


@pytest.fixture
def phones(browser, live_server):
    """Phone-sized browser contexts, each a phone of its own (own storage, own network),
    closed after the test whatever happens."""
    made = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="ja-JP", viewport=PHONE)
        made.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return context, page

    yield make
    for context in made:
        context.close()


def test_cohost_checks_a_ticket_in_by_name_on_a_phone(phones, seminar, cohost):
    services.register(seminar, services.Applicant("Nguyễn Văn An", "an@example.org", "vi"))
    services.register(seminar, services.Applicant("山田 花子", "hanako@example.jp", "ja"))
    _context, page = phones()
    console = watch(page)
    log_in(page, "cohost")
    page.goto(f"/staff/events/{seminar.pk}/checkin/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("外国人住民のための防災講座")
    counts = page.locator("#checkin-counts")
    expect(counts).to_have_text("来場 0 / 2")

    page.get_by_label("名前で検索").fill("nguyễn")
    page.get_by_role("button", name="Nguyễn Văn An").click()
    result = page.locator("#checkin-result")
    expect(result).to_have_text("受付済み: Nguyễn Văn An")
    expect(counts).to_have_text("来場 1 / 2")
    assert_clean(page, console, "check-in page")
    shoot(page, "events-checkin-390")

    # The same person again, on this phone: reported, not counted.
    page.get_by_label("名前で検索").fill("Văn An")
    page.get_by_role("button", name="Nguyễn Văn An ✓").click()
    expect(result).to_have_text("受付済みです: Nguyễn Văn An")
    expect(counts).to_have_text("来場 1 / 2")

    # After a reload the list comes from the server, which knows of the arrival.
    page.reload()
    expect(counts).to_have_text("来場 1 / 2")
    page.get_by_label("名前で検索").fill("An")
    page.get_by_role("button", name="Nguyễn Văn An ✓").click()
    expect(result).to_have_text("受付済みです: Nguyễn Văn An")
    arrivals = CheckIn.objects.select_related("registration", "by")
    assert [(a.registration.name, a.by.username) for a in arrivals] == [("Nguyễn Văn An", "cohost")]
    assert_clean(page, console, "check-in page after reload")


CONTROLLED = """async () => {
  for (let tries = 0; !navigator.serviceWorker.controller; tries++) {
    if (tries > 100) throw new Error("no service worker controls the page");
    await new Promise((done) => setTimeout(done, 100));
  }
}"""


def open_checkin(context, event) -> object:
    """The check-in page, once its service worker controls it (the page and its files are then
    in the cache)."""
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "cohost")
    page.goto(f"/staff/events/{event.pk}/checkin/")
    # evaluate, not wait_for_function: the latter evaluates a string, which the policy refuses.
    page.evaluate(CONTROLLED)
    expect(page.locator("#checkin-counts")).to_have_text("来場 0 / 2")
    return page


def wait_until(check, seconds: float = 15) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not reached in time"
        time.sleep(0.2)


def queue_of(page, event) -> str:
    return page.evaluate(f"localStorage.getItem('glocal-checkin-{event.pk}-queue')")


def test_two_offline_phones_scan_one_ticket_and_count_one_arrival(phones, seminar, cohost):
    services.register(seminar, services.Applicant("Nguyễn Văn An", "an@example.org", "vi"))
    services.register(seminar, services.Applicant("山田 花子", "hanako@example.jp", "ja"))
    contexts = [phones()[0] for _ in range(2)]
    pages = [open_checkin(context, seminar) for context in contexts]
    console = watch(pages[0])

    for context, page in zip(contexts, pages, strict=True):
        context.set_offline(True)
        # The page comes back from the service worker's cache, the tickets from the phone.
        reloaded = page.reload()  # fails with net::ERR_FAILED without the worker's cache
        assert reloaded.from_service_worker
        expect(page.get_by_role("heading", level=1)).to_contain_text("防災講座")
        expect(page.locator("#checkin-network")).to_have_text("オフライン")
        page.get_by_label("名前で検索").fill("山田")
        page.get_by_role("button", name="山田 花子").click()
        expect(page.locator("#checkin-result")).to_have_text("受付済み: 山田 花子")
        expect(page.locator("#checkin-counts")).to_have_text("来場 1 / 2 (+1)")
    shoot(pages[0], "events-checkin-offline-390")
    assert not CheckIn.objects.exists()

    contexts[0].set_offline(False)  # back online: the queue is sent
    wait_until(lambda: CheckIn.objects.count() == 1)
    expect(pages[0].locator("#checkin-counts")).to_have_text("来場 1 / 2")
    contexts[1].set_offline(False)  # the second phone's scan of the same ticket counts nothing
    wait_until(lambda: queue_of(pages[1], seminar) == "[]")
    expect(pages[1].locator("#checkin-counts")).to_have_text("来場 1 / 2")
    assert [a.registration.name for a in CheckIn.objects.select_related("registration")] == [
        "山田 花子"
    ]
    assert_clean(pages[0], console, "check-in page back online")


STORED = """async (key) => ({
  tickets: localStorage.getItem(key),
  workers: (await navigator.serviceWorker.getRegistrations()).length,
  caches: (await caches.keys()).length,
})"""


def test_logging_out_clears_the_tickets_kept_on_the_phone(phones, seminar, cohost):
    services.register(seminar, services.Applicant("Nguyễn Văn An", "an@example.org", "vi"))
    services.register(seminar, services.Applicant("山田 花子", "hanako@example.jp", "ja"))
    context, _page = phones()
    page = open_checkin(context, seminar)
    page.get_by_label("名前で検索").fill("山田")
    page.get_by_role("button", name="山田 花子").click()
    wait_until(lambda: CheckIn.objects.count() == 1)
    key = f"glocal-checkin-{seminar.pk}-tickets"
    kept = page.evaluate(STORED, key)
    assert "山田 花子" in kept["tickets"]
    assert kept["workers"] == 1
    assert kept["caches"] >= 1

    page.locator("form[action$='/accounts/logout/'] button").click()
    page.wait_for_url(lambda url: "/staff/" not in url)
    assert page.evaluate(STORED, key) == {"tickets": None, "workers": 0, "caches": 0}
    # Back on the check-in page's address, nothing is served from the phone any more.
    context.set_offline(True)
    with pytest.raises(PlaywrightError, match=r"ERR_INTERNET_DISCONNECTED|ERR_FAILED"):
        page.goto(f"/staff/events/{seminar.pk}/checkin/")


def test_unsent_scans_keep_the_volunteer_logged_in(phones, seminar, cohost):
    services.register(seminar, services.Applicant("山田 花子", "hanako@example.jp", "ja"))
    services.register(seminar, services.Applicant("Nguyễn Văn An", "an@example.org", "vi"))
    context, _page = phones()
    page = open_checkin(context, seminar)
    context.set_offline(True)
    page.get_by_label("名前で検索").fill("山田")
    page.get_by_role("button", name="山田 花子").click()
    page.locator("form[action$='/accounts/logout/'] button").click()
    expect(page.locator("#checkin-result")).to_contain_text("未送信の受付があります")
    assert "山田" in page.evaluate(f"localStorage.getItem('glocal-checkin-{seminar.pk}-tickets')")
    assert queue_of(page, seminar) != "[]"
    context.set_offline(False)  # the queue goes out; logging out then works
    wait_until(lambda: CheckIn.objects.count() == 1)
    page.locator("form[action$='/accounts/logout/'] button").click()
    page.wait_for_url(lambda url: "/staff/" not in url)
    assert page.evaluate(f"localStorage.getItem('glocal-checkin-{seminar.pk}-queue')") is None


@pytest.fixture
def series(home_org, editor):
    """A Japanese-class series of the home organisation in 会津若松市, with two learners."""
    from glocal.places.models import LocalGovernment

    start = (timezone.now() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    actor = Actor(user=editor, via="test")
    data = {
        "kind": "japanese_class",
        "title": {"ja": "会津若松 にほんご教室"},
        "venue_name": "生涯学習総合センター",
        "venue_local_government": LocalGovernment.objects.get(code="072028"),
        "starts_at": start,
        "ends_at": start + timedelta(weeks=15),
        "is_public": True,
    }
    event = services.create_event(actor, home_org.pk, data)
    services.add_learner(actor, event, "Hoa", "beginner")
    services.add_learner(actor, event, "Lucas", "intermediate")
    return event


def test_editor_runs_a_japanese_class(browser, live_server, series, editor):
    for width, height in ((1280, 900), (PHONE["width"], PHONE["height"])):
        context = browser.new_context(
            base_url=live_server.url, locale="ja-JP", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        console = watch(page)
        page.goto("/accounts/login/")
        page.get_by_label("ユーザー名").fill("editor")
        page.get_by_label("パスワード").fill("correct-horse-battery")
        page.get_by_role("button", name="ログイン").click()
        page.goto(f"/staff/events/{series.pk}/")
        page.get_by_role("link", name="授業・学習者・講師・出欠").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("会津若松 にほんご教室")
        expect(page.get_by_text("会津若松市")).to_be_visible()
        if width == 1280:
            first = (series.starts_at + timedelta(days=1)).date().isoformat()
            page.get_by_label("初回の日付").fill(first)
            page.get_by_label("時刻（会場の現地時刻）").fill("19:00")
            page.get_by_label("週数").fill("4")
            page.get_by_role("button", name="授業を追加", exact=True).click()
            expect(page.get_by_role("cell", name="第4回", exact=True)).to_be_visible()
            page.get_by_label("名前または仮名").fill("Minh")
            page.get_by_label("レベル").select_option("elementary")
            page.get_by_role("button", name="学習者を追加する").click()
            expect(page.get_by_role("cell", name="Minh", exact=True)).to_be_visible()
            page.get_by_label("講師の氏名").fill("佐藤 ボランティア")
            page.get_by_label("講師研修の修了日").fill("2026-04-12")
            page.get_by_role("button", name="講師を追加する").click()
            expect(page.get_by_role("cell", name="2026-04-12")).to_be_visible()
        assert_clean(page, console, "class page")
        shoot(page, f"events-class-{width}")
        page.get_by_role("link", name="出欠を記録 第1回").click()
        page.get_by_label("Hoa").check()
        page.get_by_label("Minh").check()
        page.get_by_role("button", name="出欠を保存").click()
        expect(page.get_by_text("出席: 3人中2人")).to_be_visible()
        assert_clean(page, console, "attendance sheet")
        shoot(page, f"events-lesson-{width}")
        context.close()


def test_editor_adds_a_session_to_the_timetable(browser, live_server, seminar, editor):
    for width, height in ((1280, 900), (PHONE["width"], PHONE["height"])):
        context = browser.new_context(
            base_url=live_server.url, locale="ja-JP", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        console = watch(page)
        page.goto("/accounts/login/")
        page.get_by_label("ユーザー名").fill("editor")
        page.get_by_label("パスワード").fill("correct-horse-battery")
        page.get_by_role("button", name="ログイン").click()
        page.goto(f"/staff/events/{seminar.pk}/")
        start = seminar.starts_at.astimezone(ZoneInfo("Asia/Tokyo"))
        page.get_by_label("名称（日本語）").fill(f"分科会 {width}")
        page.get_by_label("開始（会場の現地時刻）").fill(start.strftime("%Y-%m-%dT%H:%M"))
        page.get_by_label("終了（会場の現地時刻）").fill(
            (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        )
        page.get_by_label("部屋").fill("第1会議室")
        page.get_by_label("定員").fill("20")
        page.get_by_role("button", name="セッションを追加する").click()
        expect(page.get_by_role("cell", name=f"分科会 {width}")).to_be_visible()
        assert_clean(page, console, "timetable")
        shoot(page, f"events-timetable-{width}")
        context.close()
