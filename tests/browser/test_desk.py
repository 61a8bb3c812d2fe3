"""Residents ask the consultation desk in Vietnamese, Korean and Nepali; the desk sees the cases."""

import pytest
from playwright.sync_api import expect

from glocal.desk.models import Case, DeskMember, Message, Topic
from glocal.desk.vocabulary import DEFAULT_TOPICS
from glocal.orgs.models import Membership, Role
from tests.browser.test_staff import log_in

pytestmark = pytest.mark.django_db(transaction=True)

QUESTIONS = (
    # language, the topic as the reader sees it, the question, words of the confirmation
    ("vi", "Y tế", "Tôi cần tìm bác sĩ nói tiếng Việt.", "Cảm ơn"),
    ("ko", "의료", "한국어를 하는 의사를 찾고 있습니다.", "감사합니다"),
    ("ne", "स्वास्थ्य", "मलाई नेपाली बोल्ने डाक्टर चाहियो।", "धन्यवाद"),
)


@pytest.fixture
def desk_counsellor(django_user_model, home_org):
    # The default topics come from a data migration, which a flushed database has lost.
    for position, (code, name, name_en) in enumerate(DEFAULT_TOPICS, start=1):
        Topic.objects.get_or_create(
            owner=None, code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )
    user = django_user_model.objects.create_user("counsellor", password="correct-horse-battery")
    Membership.objects.create(user=user, organisation=home_org, role=Role.VIEWER)
    DeskMember.objects.create(user=user, organisation=home_org, role=DeskMember.Role.COUNSELLOR)
    return user


@pytest.mark.parametrize(("language", "topic", "question", "thanks"), QUESTIONS)
def test_ask_in_the_readers_language_and_the_desk_sees_it(
    page, desk_counsellor, home_org, screenshot, language, topic, question, thanks
):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/residents/desk/{language}/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        screenshot(f"desk-ask-{language}-{width}")
    page.locator("#ask-topic").select_option(label=topic)
    page.locator("#ask-message").fill(question)
    page.locator("#ask-email").fill(f"{language}@example.com")
    page.locator("form button[type=submit]").click()
    case = Case.objects.get()
    expect(page.get_by_role("status")).to_contain_text(thanks)
    expect(page.get_by_role("status")).to_contain_text(str(case.pk))
    screenshot(f"desk-thanks-{language}-390")
    assert (case.language, case.channel, case.owner_id) == (language, "web", home_org.pk)
    assert Message.objects.get(case=case).body == question

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "counsellor")
    page.goto("/staff/desk/")
    row = page.locator("table tbody tr").filter(has_text=str(case.pk))
    expect(row).to_contain_text("医療")
    row.get_by_role("link", name=str(case.pk)).click()
    page.get_by_role("link", name="相談者の個人情報とメッセージを表示", exact=False).click()
    expect(page.get_by_text(question)).to_be_visible()
    expect(page.get_by_text(f"{language}@example.com")).to_be_visible()
    screenshot(f"desk-case-{language}")


def test_honeypot_and_rate_limit_in_the_browser(page, desk_counsellor, settings, screenshot):
    settings.DESK_FORM_PER_HOUR = 1
    page.goto("/residents/desk/th/")
    page.locator("#ask-message").fill("ขอความช่วยเหลือ")
    page.locator("#ask-website").evaluate("field => field.value = 'http://spam.example'")
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("status")).to_contain_text("ขอบคุณ")
    assert Case.objects.count() == 0  # a bot is thanked, and nothing is written

    for _second in (False, True):  # the limit is one an hour: the second is refused
        page.goto("/residents/desk/th/")
        page.locator("#ask-message").fill("ขอความช่วยเหลือ")
        page.locator("form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("โปรดลองใหม่")
    expect(page.locator("#ask-message")).to_have_value("ขอความช่วยเหลือ")  # nothing lost
    screenshot("desk-flooded-th")
    assert Case.objects.count() == 1
