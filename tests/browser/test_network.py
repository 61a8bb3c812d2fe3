"""The network in Chromium: a name list with problems, listed by row; fixed; imported; then a
mailing composed to a saved search, showing who gets which language, saved and sent through
the platform's outbox to an SMTP sink on 127.0.0.1 (tasks run immediately under test, so the
outbox has finished when the send button's page comes back). The mailing's report then shows
who was reached and whose address the server refused. No page is refused by the policy."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_content_security_policy import RECORD_VIOLATIONS
from tests.browser.test_staff import log_in
from tests.network.test_import import GOOD
from tests.smtpsink import SmtpSink, body, smtp_settings, subject

pytestmark = pytest.mark.django_db(transaction=True)

# A consenting JET alumnus whose mail server refuses the address for good (the sink answers 550).
REFUSED_ROW = "Pat Doe,,,元JET,Canada,en,refused@example.ca,,,,2024-06-01,架空\n"
BAD_ROWS = "Ana Suzuki,,,県人会,ブラジル,pt,ana@example,,,,,\nJohn Doe,,,wizard,Canada,en,,,,,,\n"


@pytest.fixture
def sink():
    running = SmtpSink().start()
    with smtp_settings(running.port):
        yield running
    running.stop()


def _both_widths(page, screenshot, name: str) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"{name}-{width}")
        # Wide tables scroll inside their frame; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    page.set_viewport_size({"width": 1280, "height": 900})


def test_import_with_problems_fix_import_compose_and_send_a_mailing(
    page, editor, tmp_path, screenshot, sink
):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    bad = tmp_path / "meibo.csv"
    bad.write_bytes((GOOD.strip() + "\n" + BAD_ROWS).encode("cp932"))
    log_in(page, "editor")
    page.get_by_role("link", name="ネットワーク", exact=True).click()
    page.get_by_role("link", name="CSV・XLSXファイルを取り込む").click()
    page.get_by_label("ファイル").set_input_files(str(bad))
    page.get_by_role("button", name="ファイルを確認").click()
    problems = page.locator("table.problems tbody tr")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("5")
    expect(problems.nth(0)).to_contain_text("email")
    expect(problems.nth(1)).to_contain_text("6")
    expect(problems.nth(1)).to_contain_text("category")
    _both_widths(page, screenshot, "network-import-problems")

    fixed = tmp_path / "meibo-fixed.csv"
    fixed.write_bytes((GOOD.strip() + "\n" + REFUSED_ROW).encode("cp932"))
    page.get_by_label("ファイル").set_input_files(str(fixed))
    page.get_by_role("button", name="ファイルを確認").click()
    expect(page.get_by_role("heading", name="4行を取り込めます。")).to_be_visible()
    page.get_by_role("button", name="取り込む").click()
    expect(page.get_by_role("status")).to_contain_text("4件追加")
    expect(page.locator("table tbody tr")).to_have_count(5)  # and the association named in 所属
    _both_widths(page, screenshot, "network-list")

    page.get_by_role("link", name="グループとメール配信").first.click()
    page.get_by_label("名称", exact=True).fill("ブラジル・カナダ（同意あり）")
    page.get_by_label("保存検索").check()
    page.get_by_label("国", exact=True).fill("ブラジル, カナダ")
    page.get_by_label("メール配信に同意した人のみ").check()
    page.get_by_role("button", name="グループを作成").click()
    expect(page.get_by_role("status")).to_contain_text("ブラジル・カナダ（同意あり）")

    page.get_by_role("link", name="メール配信を作成").click()
    page.get_by_label("グループ").select_option(label="ブラジル・カナダ（同意あり）")
    page.get_by_role("button", name="選ぶ").click()
    page.get_by_label("件名").first.fill("秋祭りのご案内")
    page.get_by_label("本文").first.fill("秋祭りのオンライン中継のご案内です。")
    page.locator("#id_subject_en").fill("Autumn festival")
    page.locator("#id_body_en").fill("The autumn festival, streamed online.")
    page.get_by_role("button", name="宛先を確認").click()
    expect(
        page.get_by_text("メンバー3人のうち、メール配信に同意した3人が受け取ります。")
    ).to_be_visible()
    languages = page.locator("table.languages tbody tr")
    expect(languages).to_have_count(1)  # Portuguese is not written: Maria gets English
    expect(languages.nth(0)).to_contain_text("en")
    expect(languages.nth(0)).to_contain_text("3")
    page.locator("#id_subject_pt").fill("Festival de outono")
    page.locator("#id_body_pt").fill("O festival de outono, transmitido on-line.")
    page.get_by_role("button", name="宛先を確認").click()
    expect(languages).to_have_count(2)
    expect(page.get_by_role("row", name="pt 1")).to_be_visible()
    expect(page.get_by_role("row", name="en 2")).to_be_visible()
    page.get_by_text("宛先の一覧（氏名）").click()
    expect(page.locator("table.recipients")).to_contain_text("Maria Silva")
    _both_widths(page, screenshot, "network-composer")
    page.get_by_role("button", name="下書きとして保存").click()
    expect(page.get_by_role("status")).to_contain_text("下書き")
    assert sink.count() == 0  # a draft is not sent

    page.get_by_role("button", name="送信", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("同意のある3件の連絡先に宛てました。")
    mailing_row = page.get_by_role("row", name="秋祭りのご案内")
    expect(mailing_row).to_contain_text("送信済み")
    expect(mailing_row.get_by_role("button", name="送信")).to_have_count(0)  # not twice
    _both_widths(page, screenshot, "network-mailings")
    mailing_row.get_by_role("link", name="秋祭りのご案内").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("送信済み")
    report = page.locator("table.report tbody tr")
    expect(report).to_have_count(2)
    expect(page.get_by_role("row", name="送信済み 2")).to_be_visible()
    expect(page.get_by_role("row", name="失敗 1")).to_be_visible()  # the refused address
    expect(page.locator("table.report-languages")).to_contain_text("pt")
    expect(page.get_by_role("button", name="送信")).to_have_count(0)
    _both_widths(page, screenshot, "network-mailing-report")

    assert sorted(sink.recipients) == ["maria@example.br", "taro@example.ca"]
    [to_taro] = sink.to("taro@example.ca")
    [to_maria] = sink.to("maria@example.br")
    assert (subject(to_taro), to_taro["Content-Language"]) == ("Autumn festival", "en")
    assert (subject(to_maria), to_maria["Content-Language"]) == ("Festival de outono", "pt")
    assert body(to_maria).startswith("O festival de outono, transmitido on-line.")
    assert "/network/unsubscribe/" in body(to_maria)

    page.wait_for_load_state("networkidle")
    refused = page.evaluate("window.__cspViolations")
    assert (refused, [m for m in console if "Content Security Policy" in m]) == ([], [])


def test_remove_a_member_from_a_fixed_list(page, editor, home_org, screenshot):
    from glocal.network import mailings, services
    from glocal.orgs.actors import Actor

    actor = Actor(user=editor, via="test")
    ana, ben = (
        services.create_contact(actor, home_org.pk, {"name": name, "country": "BR"})
        for name in ("Ana Souza（架空）", "Bento Lima（架空）")
    )
    group = mailings.create_group(actor, home_org.pk, "役員", contact_ids=[ana.pk, ben.pk])
    log_in(page, "editor")
    page.goto(f"/staff/network/groups/{group.pk}/")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    _both_widths(page, screenshot, "network-group")
    page.get_by_role("button", name="Ana Souza（架空）をグループから外す").click()
    expect(page.get_by_role("status")).to_contain_text("役員から外しました。")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Bento Lima")


def test_the_demo_statistics_map(page, django_user_model, screenshot):
    """The demo's 324 contacts on the world map, at both widths; the page's size is printed
    (pytest -s) for the README."""
    from glocal.network import demo
    from glocal.orgs import demo as orgs_demo
    from glocal.orgs.models import Membership, Organisation, Role

    orgs_demo.load(lambda _line: None)
    demo.load(lambda _line: None)
    viewer = django_user_model.objects.create_user(
        username="reader", password="correct-horse-battery"
    )
    demo_org = Organisation.objects.get(slug="fukushima-pref")
    Membership.objects.create(user=viewer, role=Role.VIEWER, organisation=demo_org)
    log_in(page, "reader")
    response = page.goto("/staff/network/statistics/")
    print(f"statistics page: {len(response.body())} bytes")
    world = page.locator("svg.world-map")
    expect(world).to_be_visible()
    expect(world.locator("path title")).to_have_count(page.locator("table.by-country tbody tr")
                                                       .count())  # fmt: skip
    expect(page.get_by_role("row", name="ブラジル")).to_be_visible()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(f"network-statistics-{width}")
