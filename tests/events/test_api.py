"""/api/v1/events: creation, registration with a waiting list, check-in, privacy, calendars."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from glocal.events import tickets
from glocal.events.models import CheckIn, Event, Invitation, Registration
from glocal.orgs.models import AuditEvent, Role
from tests.events.conftest import call, event_body

pytestmark = pytest.mark.django_db


def register(client, event_id, n, **changes):
    body = {"name": f"Guest {n}", "email": f"guest{n}@example.org", "language": "en"}
    return call(client, "post", f"/events/{event_id}/register", body | changes)


def test_editor_creates_an_event_and_anyone_lists_it(client, issue_token, home_org):
    token = issue_token(home_org, Role.EDITOR)
    made = call(client, "post", "/events", event_body(), token)
    assert made.status_code == 201, made.json()
    assert made.json()["starts_at"].endswith("+09:00")
    assert made.json()["places_left"] == 2
    listed = call(client, "get", "/events").json()
    assert [e["title"]["en"] for e in listed["items"]] == ["Regional Promotion Seminar"]


@pytest.mark.parametrize("role", [Role.VIEWER])
def test_viewers_and_anonymous_cannot_create(client, issue_token, home_org, role):
    assert call(client, "post", "/events", event_body()).status_code == 401
    refused = call(client, "post", "/events", event_body(), issue_token(home_org, role))
    assert refused.status_code == 403
    assert not Event.objects.exists()


def test_another_organisation_cannot_create_for_us(client, issue_token, home_org, other_org):
    body = event_body(organisation=home_org.pk)
    assert (
        call(client, "post", "/events", body, issue_token(other_org, Role.ADMIN)).status_code == 403
    )


def test_event_ending_before_it_starts_is_refused(client, issue_token, home_org):
    body = event_body()
    body["ends_at"], body["starts_at"] = body["starts_at"], body["ends_at"]
    refused = call(client, "post", "/events", body, issue_token(home_org, Role.EDITOR))
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["field"] == "ends_at"
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"timezone": "Mars/Olympus"},
        {"title": {"en": "no Japanese"}},
        {"title": {"xx": "タイトル"}},
        {"capacity": -1},
        {"kind": "party"},
        {"venue_country": "ZZ"},
        {"questions": [{"key": "a b", "label": {"ja": "x"}}]},
        {"title": {"ja": "x" * 301}},
    ],
)
def test_bad_events_are_4xx(client, issue_token, home_org, change):
    refused = call(
        client, "post", "/events", event_body(**change), issue_token(home_org, Role.EDITOR)
    )
    assert refused.status_code == 422, refused.json()
    assert not Event.objects.exists()


def test_waiting_list_promotes_the_next_person_on_cancellation(client, make_event):
    event = make_event(capacity=2)
    first, second, third, fourth = (register(client, event.pk, n) for n in range(4))
    assert [r.status_code for r in (first, second, third, fourth)] == [201] * 4
    statuses = [r.json()["status"] for r in (first, second, third, fourth)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert third.json()["ticket"] is None
    cancelled = call(client, "post", "/events/cancel", {"code": first.json()["cancel_code"]})
    assert cancelled.json()["status"] == "cancelled"
    by_name = dict(Registration.objects.values_list("name", "status"))
    assert by_name == {"Guest 0": "cancelled", "Guest 1": "confirmed", "Guest 2": "confirmed",
                       "Guest 3": "waitlisted"}  # fmt: skip
    again = call(client, "post", "/events/cancel", {"code": first.json()["cancel_code"]})
    assert again.json()["status"] == "cancelled"
    assert Registration.objects.filter(status="confirmed").count() == 2


def test_full_event_without_waiting_list_refuses(client, make_event):
    event = make_event(capacity=1, waiting_list=False)
    assert register(client, event.pk, 1).status_code == 201
    refused = register(client, event.pk, 2)
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["field"] == "event"
    assert Registration.objects.count() == 1


def test_capacity_below_confirmed_is_refused_and_a_larger_one_promotes(
    client, issue_token, home_org, make_event
):
    event = make_event(capacity=2)
    for n in range(3):
        register(client, event.pk, n)
    token = issue_token(home_org, Role.EDITOR)
    refused = call(client, "patch", f"/events/{event.pk}", {"capacity": 1}, token)
    assert refused.status_code == 422
    assert Event.objects.get().capacity == 2
    grown = call(client, "patch", f"/events/{event.pk}", {"capacity": 3}, token)
    assert grown.json()["places_left"] == 0
    assert not Registration.objects.filter(status="waitlisted").exists()


def test_answers_are_checked_against_the_events_questions(client, make_event):
    event = make_event()
    unknown = register(client, event.pk, 1, answers={"shoe_size": "42"})
    assert unknown.status_code == 422
    wrong_type = register(client, event.pk, 1, answers={"interpreter": "maybe"})
    assert wrong_type.status_code == 422
    bad_mail = register(client, event.pk, 1, email="not-an-address")
    assert bad_mail.status_code == 422
    ok = register(client, event.pk, 1, answers={"diet": "halal", "interpreter": True})
    assert ok.status_code == 201
    assert Registration.objects.get().answers == {"diet": "halal", "interpreter": True}


def test_invitation_only_events_need_a_valid_invitation(client, issue_token, home_org, make_event):
    event = make_event(is_public=False, public=False)
    assert register(client, event.pk, 1).status_code == 404
    token = issue_token(home_org, Role.EDITOR)
    made = call(client, "post", f"/events/{event.pk}/invitations",
                {"name": "Ambassador", "email": "amb@example.org"}, token)  # fmt: skip
    code = made.json()["code"]
    forged = register(client, event.pk, 1, invitation=code[:-2] + "xx")
    assert forged.status_code == 403
    used = register(client, event.pk, 1, invitation=code)
    assert used.status_code == 201
    assert register(client, event.pk, 2, invitation=code).status_code == 422
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    expired = register(client, event.pk, 3, invitation=code)
    assert expired.status_code == 403
    assert expired.json()["error"]["message"] in (
        "This invitation has expired.",
        "この招待は有効期限が切れています。",
    )
    assert Registration.objects.count() == 1


def test_outsiders_see_no_registrant(client, issue_token, home_org, other_org, make_event):
    event = make_event()
    register(client, event.pk, 1)
    path = f"/events/{event.pk}/registrations"
    assert call(client, "get", path).status_code == 401
    outsider = call(client, "get", path, token=issue_token(other_org, Role.ADMIN))
    assert outsider.status_code == 404
    assert "guest1" not in outsider.content.decode()
    viewer = call(client, "get", path, token=issue_token(home_org, Role.VIEWER))
    assert viewer.json()["items"][0]["email"] == "guest1@example.org"
    assert AuditEvent.objects.filter(action="read", model="events.Event").count() == 1


def test_cohosts_see_registrants(client, issue_token, home_org, other_org, make_event):
    event = make_event()
    register(client, event.pk, 1)
    event.cohosts.add(other_org)
    found = call(client, "get", f"/events/{event.pk}/registrations",
                 token=issue_token(other_org, Role.VIEWER))  # fmt: skip
    assert found.json()["count"] == 1


def test_invitation_only_events_are_hidden_from_outsiders(
    client, issue_token, home_org, other_org, make_event
):
    make_event(is_public=False, public=False)
    assert call(client, "get", "/events").json()["count"] == 0
    assert call(client, "get", "/events", token=issue_token(other_org)).json()["count"] == 0
    assert call(client, "get", "/events", token=issue_token(home_org)).json()["count"] == 1


def test_double_check_in_counts_once(client, issue_token, home_org, make_event):
    event = make_event()
    ticket = register(client, event.pk, 1).json()["ticket"]
    token = issue_token(home_org, Role.VIEWER)
    first = call(client, "post", f"/events/{event.pk}/checkin", {"code": ticket}, token)
    assert first.json()["result"] == "checked_in"
    assert first.json()["name"] == "Guest 1"
    second = call(client, "post", f"/events/{event.pk}/checkin", {"code": ticket}, token)
    assert second.json()["result"] == "already"
    assert CheckIn.objects.count() == 1


def test_forged_and_foreign_tickets_are_refused(client, issue_token, home_org, make_event):
    event, other = make_event(), make_event()
    ticket = register(client, other.pk, 1).json()["ticket"]
    token = issue_token(home_org, Role.VIEWER)
    path = f"/events/{event.pk}/checkin"
    for code in (
        ticket,
        f"{event.pk}-1:forged",
        "",
        "x" * 300,
        ticket.replace(f"{other.pk}-", f"{event.pk}-"),
    ):
        refused = call(client, "post", path, {"code": code}, token)
        assert refused.status_code == 422, code
    assert not CheckIn.objects.exists()


def test_outsiders_cannot_check_in(client, issue_token, other_org, make_event):
    event = make_event()
    ticket = register(client, event.pk, 1).json()["ticket"]
    refused = call(client, "post", f"/events/{event.pk}/checkin", {"code": ticket},
                   issue_token(other_org, Role.ADMIN))  # fmt: skip
    assert refused.status_code == 404
    assert not CheckIn.objects.exists()


def test_offline_scans_from_two_phones_count_one_arrival(client, issue_token, home_org, make_event):
    event = make_event()
    ticket = register(client, event.pk, 1).json()["ticket"]
    token = issue_token(home_org, Role.VIEWER)
    early = timezone.now() - timedelta(minutes=30)
    late = early + timedelta(minutes=5)
    path = f"/events/{event.pk}/checkin/sync"
    phone_b = call(client, "post", path, {"device": "b", "scans": [
        {"code": ticket, "scanned_at": late.isoformat()}]}, token)  # fmt: skip
    phone_a = call(client, "post", path, {"device": "a", "scans": [
        {"code": ticket, "scanned_at": early.isoformat()},
        {"code": "forged", "scanned_at": early.isoformat()}]}, token)  # fmt: skip
    assert [r["result"] for r in phone_b.json()] == ["checked_in"]
    assert [r["result"] for r in phone_a.json()] == ["already", "refused"]
    arrival = CheckIn.objects.get()
    assert arrival.scanned_at == early


def test_ics_parses_back_in_the_events_zone(client, make_event):
    event = make_event(timezone="Asia/Hong_Kong", kind="expo_booth")
    response = call(client, "get", f"/events/{event.pk}/ics?language=en")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (item,) = calendar.walk("VEVENT")
    assert str(item["SUMMARY"]) == "Regional Promotion Seminar"
    assert item.decoded("DTSTART") == event.starts_at
    assert str(item.decoded("DTSTART").tzinfo) == "Asia/Hong_Kong"
    assert calendar.walk("VTIMEZONE")


def test_ics_of_invitation_only_event_is_hidden(client, make_event):
    event = make_event(is_public=False, public=False)
    assert call(client, "get", f"/events/{event.pk}/ics").status_code == 404


def test_outcomes_count_arrivals_by_country(client, issue_token, home_org, make_event):
    event = make_event(capacity=10)
    token = issue_token(home_org, Role.EDITOR)
    for n, country in enumerate(["VN", "VN", "BR"]):
        ticket = register(client, event.pk, n, country=country,
                          organisation_kind="embassy").json()["ticket"]  # fmt: skip
        if n < 2:
            call(client, "post", f"/events/{event.pk}/checkin", {"code": ticket}, token)
    body = {"negotiations": 4, "contracts": 1, "contract_value_yen": 2_500_000,
            "media_links": ["https://example.org/news/1"]}  # fmt: skip
    outcomes = call(client, "put", f"/events/{event.pk}/outcomes", body, token).json()
    assert outcomes["arrived"] == 2
    assert outcomes["by_country"] == {"VN": 2}
    assert outcomes["negotiations"] == 4
    bad = call(client, "put", f"/events/{event.pk}/outcomes", {"media_links": ["javascript:x"]},
               token)  # fmt: skip
    assert bad.status_code == 422
    feedback = call(client, "post", f"/events/{event.pk}/feedback",
                    {"language": "vi", "ratings": {"overall": 5}})  # fmt: skip
    assert feedback.status_code == 201
    assert call(client, "post", f"/events/{event.pk}/feedback",
                {"ratings": {"overall": 9}}).status_code == 422  # fmt: skip


def test_ticket_code_round_trip(make_event):
    event = make_event()
    from glocal.events import services
    from tests.events.conftest import applicant

    registration = services.register(event, applicant(1))
    assert tickets.read_ticket(tickets.ticket_code(registration)).registration_id == registration.pk
    assert tickets.qr_png(tickets.ticket_code(registration)).startswith(b"\x89PNG")
