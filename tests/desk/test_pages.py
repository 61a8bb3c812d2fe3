import pytest

from glocal.desk.models import Case, DeskMember, Message, Resident
from glocal.orgs.models import AuditEvent

pytestmark = pytest.mark.django_db

STAFF_PAGES = ("/staff/desk/", "/staff/desk/new/", "/staff/desk/statistics/",
               "/staff/desk/statistics.xlsx", "/staff/desk/statistics.csv")  # fmt: skip


def test_desk_member_sees_pages(client, counsellor, make_case):
    case = make_case()
    client.force_login(counsellor)
    for url in STAFF_PAGES:
        assert client.get(url).status_code == 200, url
    page = client.get(f"/staff/desk/{case.pk}/").content.decode()
    assert "医療" in page
    assert "Nguyen" not in page
    shown = client.get(f"/staff/desk/{case.pk}/resident/")
    assert "Nguyen Van A" in shown.content.decode()
    assert AuditEvent.objects.filter(model="desk.Resident", action="read").count() == 1


@pytest.mark.parametrize("persona", ["outsider", "owner", "member", "superuser"])
def test_no_staff_page_opens_for_others(client, request, make_case, persona):
    case = make_case()
    client.force_login(request.getfixturevalue(persona))
    for url in (*STAFF_PAGES, f"/staff/desk/{case.pk}/", f"/staff/desk/{case.pk}/resident/"):
        assert client.get(url).status_code in (403, 404), url
    assert AuditEvent.objects.filter(action="read").count() == 0


def test_other_desk_member_gets_404_on_a_case(client, outsider, other_org, make_case):
    case = make_case()
    DeskMember.objects.create(user=outsider, organisation=other_org, role="admin")
    client.force_login(outsider)
    assert client.get("/staff/desk/").status_code == 200
    assert client.get(f"/staff/desk/{case.pk}/").status_code == 404
    assert client.get(f"/staff/desk/{case.pk}/resident/").status_code == 404


def test_anonymous_is_sent_to_login(client, make_case):
    case = make_case()
    for url in (*STAFF_PAGES, f"/staff/desk/{case.pk}/resident/"):
        assert client.get(url).status_code == 302


def test_statistics_suppress_small_cells(client, counsellor, make_case, home_org):
    for _n in range(3):
        make_case(language="vi")
    make_case(language="ne")
    client.force_login(counsellor)
    body = client.get(
        f"/api/v1/desk/statistics?organisation={home_org.pk}&fy=2025&by=language"
    ).json()
    assert body["count"] == 4
    assert {"key": "vi", "count": 3, "suppressed": False} in body["items"]
    assert {"key": "ne", "count": None, "suppressed": True} in body["items"]
    page = client.get("/staff/desk/statistics/?fy=2025").content.decode()
    assert "&lt;3" in page
    assert "ネパール語" in page
    bad = client.get(f"/api/v1/desk/statistics?organisation={home_org.pk}&fy=2025&by=summary")
    assert bad.status_code == 422


def test_reply_in_the_residents_language_is_recorded(client, counsellor, make_case, home_org):
    from glocal.desk import services
    from glocal.orgs.actors import Actor

    case = make_case(language="vi")
    answer = services.save_canned_answer(
        Actor(user=counsellor), home_org, "bring-card", "在留カードを持参",
        {"ja": ("ご案内", "在留カードを持ってきてください。", "reviewed"),
         "vi": ("Hướng dẫn", "Vui lòng mang theo thẻ cư trú.", "unreviewed")},
    )  # fmt: skip
    client.force_login(counsellor)
    response = client.post(f"/staff/desk/{case.pk}/", {"answer": str(answer.pk), "body": ""})
    assert response.status_code == 302
    message = Message.objects.get(case=case)
    assert (message.language, message.body) == ("vi", "Vui lòng mang theo thẻ cư trú.")
    assert message.delivery == "sent"  # handed to the outbox (see test_mail)
    case.refresh_from_db()
    assert case.first_reply_at is not None


def test_public_form_opens_a_case(client, counsellor, home_org):
    page = client.get("/residents/desk/vi/")
    assert page.status_code == 200
    assert "Hỏi quầy tư vấn" in page.content.decode()
    response = client.post(
        "/residents/desk/vi/",
        {"desk": home_org.pk, "topic": "medical", "message": "Tôi cần bác sĩ",
         "email": "r@example.vn"},
        REMOTE_ADDR="203.0.113.5",
    )  # fmt: skip
    assert response.status_code == 200
    case = Case.objects.get()
    assert "Cảm ơn" in response.content.decode()
    assert str(case.pk) in response.content.decode()
    assert (case.channel, case.language, case.owner) == ("web", "vi", home_org)
    assert Resident.objects.get(case=case).email == "r@example.vn"


def test_public_form_refuses_floods_long_messages_and_bots(client, counsellor, home_org):
    post = {"desk": home_org.pk, "topic": "medical", "message": "help"}
    too_long = client.post("/residents/desk/en/", post | {"message": "x" * 4001})
    assert too_long.status_code == 400
    assert "too long" in too_long.content.decode()
    bot = client.post("/residents/desk/en/", post | {"website": "http://spam"})
    assert bot.status_code == 200
    assert Case.objects.count() == 0
    for _n in range(5):
        assert client.post("/residents/desk/en/", post).status_code == 200
    flooded = client.post("/residents/desk/ko/", post)
    assert flooded.status_code == 429
    assert "1시간" in flooded.content.decode()
    assert Case.objects.count() == 5


def test_public_form_names_topics_in_the_readers_language(client, counsellor):
    from glocal import languages
    from glocal.desk import portal
    from glocal.desk.models import Topic

    for tag in languages.TAGS:  # every default topic has a drafted name in every language
        names = portal.language_table(portal.TOPICS)[tag]
        assert all(names.get(t.code) for t in Topic.objects.filter(owner=None)), tag
    korean = client.get("/residents/desk/ko/").content.decode()
    assert '<option value="medical" >의료</option>' in korean
    assert "Medical care" not in korean
    thai = client.get("/residents/desk/th/").content.decode()
    assert "การรักษาพยาบาล" in thai
