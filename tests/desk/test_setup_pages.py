"""The desk's setup pages: roster, support access, topics, agencies, canned answers,
interpreters and appointments, and the case edit page."""

import pytest
from django.utils import timezone

from glocal.desk import services
from glocal.desk.models import (
    Appointment,
    CannedAnswerText,
    Case,
    DeskMember,
    Interpreter,
    ReferralAgency,
    SupportGrant,
    Topic,
)
from glocal.orgs.actors import Actor
from glocal.orgs.models import AuditEvent

pytestmark = pytest.mark.django_db

PAGES = ("roster", "support", "topics", "agencies", "answers", "interpreters")
POSTS = {
    "roster": {"user": "1", "role": "admin"},
    "support": {"grant": "1", "username": "root", "reason": "bug", "hours": "2"},
    "topics": {"code": "visa", "name": "ビザ", "name_en": "Visas"},
    "agencies": {"name": "法テラス福島", "kind": "法テラス"},
    "answers": {"key": "k", "title": "t", "language": "vi", "subject": "s", "body": "b",
                "status": "unreviewed"},
    "interpreters": {"add": "1", "name": "Le Thi B", "languages": "vi"},
}  # fmt: skip


def _url(page):
    return f"/staff/desk/{page}/"


def _nothing_written():
    return (
        SupportGrant.objects.count() == 0
        and not Topic.objects.filter(owner__isnull=False).exists()
        and not ReferralAgency.objects.exists()
        and not CannedAnswerText.objects.exists()
        and not Interpreter.objects.exists()
    )


def test_desk_administrator_opens_every_page(client, counsellor, make_case):
    case = make_case()
    client.force_login(counsellor)
    for page in PAGES:
        response = client.get(_url(page))
        assert response.status_code == 200, page
        if page in ("roster", "topics"):  # the others have no rows yet
            assert '<div class="table-wrap">' in response.content.decode()
    assert client.get(f"/staff/desk/{case.pk}/edit/").status_code == 200


@pytest.mark.parametrize("persona", ["member", "superuser"])
def test_no_setup_page_opens_or_writes_for_others(client, request, make_case, persona):
    case = make_case()
    client.force_login(request.getfixturevalue(persona))
    for page in PAGES:
        assert client.get(_url(page)).status_code == 403, page
        assert client.post(_url(page), POSTS[page]).status_code == 403, page
    assert client.get(f"/staff/desk/{case.pk}/edit/").status_code in (403, 404)
    assert client.post(f"/staff/desk/{case.pk}/edit/", {"status": "closed"}).status_code in (
        403, 404)  # fmt: skip
    assert _nothing_written()
    assert DeskMember.objects.count() == 1


def test_other_organisations_desk_administrator_sees_only_their_desk(
    client, outsider, other_org, make_case, counsellor, home_org
):
    case = make_case()
    actor = Actor(user=counsellor)
    services.add_referral_agency(actor, home_org, "入管福島")
    services.add_interpreter(actor, home_org, "Le Thi B", ["vi"])
    client.force_login(outsider)  # their organisation's administrator, not at any desk
    for page in PAGES[1:]:
        assert client.get(_url(page)).status_code == 403, page
        assert client.post(_url(page), POSTS[page]).status_code == 403, page
    roster = client.get(_url("roster"))  # they may staff their own desk, and see only it
    assert roster.status_code == 200
    assert "<td>counsellor</td>" not in roster.content.decode()
    refused = client.post(_url("roster"), {"user": str(counsellor.pk), "role": "admin"})
    assert refused.status_code == 400
    assert DeskMember.objects.count() == 1
    DeskMember.objects.create(user=outsider, organisation=other_org, role="admin")
    for page in PAGES:
        body = client.get(_url(page)).content.decode()
        assert "入管福島" not in body
        assert "Le Thi B" not in body
        assert "<td>counsellor</td>" not in body
    assert client.get(f"/staff/desk/{case.pk}/edit/").status_code == 404
    interpreter = Interpreter.objects.get()
    booked = client.post(_url("interpreters"), {
        "book": "1", "case": case.pk, "interpreter": interpreter.pk,
        "starts_at": "2025-06-02T10:00", "ends_at": "2025-06-02T11:00"})  # fmt: skip
    assert booked.status_code == 400
    assert Appointment.objects.count() == 0


def test_anonymous_is_sent_to_login(client, make_case):
    case = make_case()
    for url in (*map(_url, PAGES), f"/staff/desk/{case.pk}/edit/"):
        assert client.get(url).status_code == 302
        assert client.post(url, {}).status_code == 302
    assert _nothing_written()


def test_organisation_administrator_staffs_the_desk_without_seeing_cases(
    client, owner, member, home_org, make_case
):
    case = make_case()
    client.force_login(owner)
    page = client.get(_url("roster"))
    assert page.status_code == 200
    assert "counsellor" in page.content.decode()
    response = client.post(_url("roster"), {"user": str(member.pk), "role": "counsellor"})
    assert response.status_code == 302
    assert DeskMember.objects.get(user=member).role == "counsellor"
    assert AuditEvent.objects.filter(model="desk.DeskMember", action="create").exists()
    assert client.get(f"/staff/desk/{case.pk}/").status_code == 403  # still not at the desk
    client.post(_url("roster"), {"user": str(member.pk), "role": "remove"})
    assert not DeskMember.objects.filter(user=member).exists()


def test_viewer_at_the_desk_reads_the_roster_but_cannot_change_it(
    client, member, home_org, counsellor
):
    DeskMember.objects.create(user=member, organisation=home_org, role="counsellor")
    client.force_login(member)
    assert client.get(_url("roster")).status_code == 200
    response = client.post(_url("roster"), {"user": str(member.pk), "role": "admin"})
    assert response.status_code == 403
    assert DeskMember.objects.get(user=member).role == "counsellor"


def test_grant_and_revoke_support_access(client, counsellor, superuser, member, make_case):
    case = make_case()
    client.force_login(counsellor)
    refused = client.post(_url("support"), POSTS["support"] | {"username": "member"})
    assert refused.status_code == 400
    assert "運用担当者に限られます" in refused.content.decode()
    too_long = client.post(_url("support"), POSTS["support"] | {"hours": "500"})
    assert too_long.status_code == 400
    assert client.post(_url("support"), POSTS["support"]).status_code == 302
    grant = SupportGrant.objects.get()
    assert grant.reason == "bug"
    assert grant.granted_by == counsellor
    client.force_login(superuser)
    assert client.get(f"/api/v1/desk/cases/{case.pk}").status_code == 200
    client.force_login(counsellor)
    assert client.post(_url("support"), {"revoke": grant.pk}).status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert AuditEvent.objects.filter(model="desk.SupportGrant", action="update").exists()
    client.force_login(superuser)
    assert client.get(f"/api/v1/desk/cases/{case.pk}").status_code == 404


def test_counsellor_cannot_grant_support(client, counsellor, home_org):
    DeskMember.objects.filter(user=counsellor).update(role="counsellor")
    client.force_login(counsellor)
    assert client.get(_url("support")).status_code == 403
    assert client.post(_url("support"), POSTS["support"]).status_code == 403
    assert client.post(_url("topics"), POSTS["topics"]).status_code == 403
    assert _nothing_written()


def test_topics_extend_per_organisation_and_refuse_duplicates(client, counsellor, home_org):
    client.force_login(counsellor)
    assert client.post(_url("topics"), POSTS["topics"]).status_code == 302
    topic = Topic.objects.get(code="visa")
    assert topic.owner == home_org
    assert "ビザ" in client.get(_url("topics")).content.decode()
    again = client.post(_url("topics"), POSTS["topics"] | {"code": "visa2"})  # same names
    assert again.status_code == 400
    default = client.post(_url("topics"), {"code": "medical", "name": "x", "name_en": "y"})
    assert default.status_code == 400
    bad = client.post(_url("topics"), {"code": "x" * 41, "name": "x", "name_en": "y"})
    assert bad.status_code == 400
    assert Topic.objects.filter(owner=home_org).count() == 1


def test_agencies_are_added_and_changed(client, counsellor, home_org):
    client.force_login(counsellor)
    assert client.post(_url("agencies"), POSTS["agencies"]).status_code == 302
    changed = POSTS["agencies"] | {"contact": "0570-078374"}
    assert client.post(_url("agencies"), changed).status_code == 302
    agency = ReferralAgency.objects.get()
    assert (agency.owner, agency.contact) == (home_org, "0570-078374")
    assert client.post(_url("agencies"), {"name": "x" * 201}).status_code == 400
    assert "0570-078374" in client.get(_url("agencies")).content.decode()


def test_canned_answers_per_language_with_an_honest_review_badge(client, counsellor):
    client.force_login(counsellor)
    post = {"key": "bring-card", "title": "在留カード", "topic": "residence",
            "language": "ベトナム語", "subject": "Hướng dẫn", "body": "Mang thẻ.",
            "status": "unreviewed"}  # fmt: skip
    assert client.post(_url("answers"), post).status_code == 302
    japanese = post | {"language": "ja", "subject": "ご案内", "body": "持参", "status": "reviewed"}
    assert client.post(_url("answers"), japanese).status_code == 302
    assert CannedAnswerText.objects.count() == 2
    assert CannedAnswerText.objects.get(language="vi").status == "unreviewed"
    page = client.get(_url("answers")).content.decode()
    assert '<span class="badge unreviewed">未レビュー</span>' in page or "badge unreviewed" in page
    assert page.count("badge unreviewed") == 1
    unknown = client.post(_url("answers"), post | {"language": "Klingonish"})
    assert unknown.status_code == 400
    assert CannedAnswerText.objects.count() == 2


def test_interpreters_and_double_bookings(client, counsellor, make_case):
    first, second = make_case(), make_case()
    client.force_login(counsellor)
    add = {"add": "1", "name": "Le Thi B", "languages": "ベトナム語, en", "availability": "月"}
    assert client.post(_url("interpreters"), add).status_code == 302
    interpreter = Interpreter.objects.get()
    assert interpreter.language_list == ["vi", "en"]
    today = timezone.localdate()
    day = (today.replace(year=today.year + 1)).isoformat()
    book = {"book": "1", "interpreter": interpreter.pk, "starts_at": f"{day}T10:00",
            "ends_at": f"{day}T11:00"}  # fmt: skip
    assert client.post(_url("interpreters"), book | {"case": first.pk}).status_code == 302
    clash = client.post(_url("interpreters"), book | {"case": second.pk,
                                                      "starts_at": f"{day}T10:30"})  # fmt: skip
    assert clash.status_code == 400
    assert "Le Thi B" in clash.content.decode()
    assert "10:00" in clash.content.decode()
    backwards = client.post(_url("interpreters"), book | {"case": second.pk,
                                                         "ends_at": f"{day}T09:00"})  # fmt: skip
    assert backwards.status_code == 400
    assert Appointment.objects.count() == 1
    assert f"#{first.pk}" in client.get(_url("interpreters")).content.decode()


def test_edit_a_case_keeps_what_the_form_does_not_show(client, counsellor, make_case, home_org):
    services.add_referral_agency(Actor(user=counsellor), home_org, "入管福島")
    case = make_case(minutes=30, residence_status="student")
    Case.objects.filter(pk=case.pk).update(assignee=counsellor)
    client.force_login(counsellor)
    form = client.get(f"/staff/desk/{case.pk}/edit/")
    assert form.status_code == 200
    post = {"received_on": case.received_on.isoformat(), "channel": "phone", "language": "vi",
            "interpretation": "none", "topics": ["medical", "housing"], "summary": "更新",
            "status": "closed", "closed_on": case.received_on.isoformat(),
            "residence_status": "student", "age_band": "", "gender": "", "actions": "",
            "referrals": ["入管福島"], "minutes": "45"}  # fmt: skip
    response = client.post(f"/staff/desk/{case.pk}/edit/", post)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.minutes, case.summary) == ("closed", 45, "更新")
    assert case.assignee == counsellor
    assert timezone.localtime(case.received_at).hour == 10
    assert {t.code for t in case.topics.all()} == {"medical", "housing"}
    assert [a.name for a in case.referrals.all()] == ["入管福島"]
    bad = client.post(f"/staff/desk/{case.pk}/edit/", post | {"closed_on": "2000-01-01"})
    assert bad.status_code == 400
    huge = client.post(f"/staff/desk/{case.pk}/edit/", post | {"minutes": "99999"})
    assert huge.status_code == 400
    case.refresh_from_db()
    assert case.minutes == 45
