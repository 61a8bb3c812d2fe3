"""The network in Chromium: a name list with problems, listed by row; fixed; imported; then a
mailing composed to a saved search, showing who gets which language. Sending is not wired to
the outbox yet, so the test stops at the composer. No page is refused by the policy."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_content_security_policy import RECORD_VIOLATIONS
from tests.browser.test_staff import log_in
from tests.network.test_import import GOOD

pytestmark = pytest.mark.django_db(transaction=True)

BAD_ROWS = "Ana Suzuki,,,県人会,ブラジル,pt,ana@example,,,,,\nJohn Doe,,,wizard,Canada,en,,,,,,\n"


def _both_widths(page, screenshot, name: str) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_import_with_problems_fix_import_and_compose_a_mailing(page, editor, tmp_path,
                                                               screenshot):  # fmt: skip
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
    fixed.write_bytes(GOOD.strip().encode("cp932"))
    page.get_by_label("ファイル").set_input_files(str(fixed))
    page.get_by_role("button", name="ファイルを確認").click()
    expect(page.get_by_role("heading", name="3行を取り込めます。")).to_be_visible()
    page.get_by_role("button", name="取り込む").click()
    expect(page.get_by_role("status")).to_contain_text("3件追加")
    expect(page.locator("table tbody tr")).to_have_count(4)  # and the association named in 所属
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
        page.get_by_text("メンバー2人のうち、メール配信に同意した2人が受け取ります。")
    ).to_be_visible()
    languages = page.locator("table.languages tbody tr")
    expect(languages).to_have_count(1)  # Portuguese is not written: Maria gets English
    expect(languages.nth(0)).to_contain_text("en")
    expect(languages.nth(0)).to_contain_text("2")
    page.locator("#id_subject_pt").fill("Festival de outono")
    page.locator("#id_body_pt").fill("O festival de outono, transmitido on-line.")
    page.get_by_role("button", name="宛先を確認").click()
    expect(languages).to_have_count(2)
    expect(page.get_by_role("row", name="pt 1")).to_be_visible()
    page.get_by_text("宛先の一覧（氏名）").click()
    expect(page.locator("table.recipients")).to_contain_text("Maria Silva")
    _both_widths(page, screenshot, "network-composer")
    page.get_by_role("button", name="下書きとして保存").click()
    expect(page.get_by_role("status")).to_contain_text("下書き")

    page.wait_for_load_state("networkidle")
    refused = page.evaluate("window.__cspViolations")
    assert (refused, [m for m in console if "Content Security Policy" in m]) == ([], [])
