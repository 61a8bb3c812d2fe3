"""Sessions chosen at registration keep their own capacity: on the page, through the API, and
when the waiting list moves."""

from datetime import timedelta

import pytest

from glocal.events import services, tickets
from glocal.events.models import Registration, Session
from glocal.orgs.models import Role
from tests.events.conftest import applicant, call

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sessions(make_event, editor, actor_for):
    event = make_event(capacity=10)
    actor = actor_for(editor)
    start = event.starts_at
    small = services.add_session(
        actor, event, {"ja": "分科会A", "vi": "Phiên A"}, start, start + timedelta(hours=1),
        room="会議室1", capacity=1,
    )  # fmt: skip
    large = services.add_session(
        actor, event, {"ja": "分科会B"}, start, start + timedelta(hours=1), capacity=None
    )
    return event, small, large


def test_a_full_session_puts_the_next_person_on_the_waiting_list(client, two_sessions):
    event, small, large = two_sessions
    page = client.get(f"/events/{event.pk}/?lang=vi").content.decode()
    assert "Phiên A" in page
    assert 'name="session"' in page
    first = client.post(
        f"/events/{event.pk}/", {"name": "A", "email": "a@example.org", "session": [small.pk]}
    )
    assert first.status_code == 201
    second = call(
        client, "post", f"/events/{event.pk}/register",
        {"name": "B", "email": "b@example.org", "sessions": [small.pk]},
    )  # fmt: skip
    assert second.json()["status"] == "waitlisted"
    third = services.register(event, applicant(3, sessions=(large.pk,)))
    assert third.status == "confirmed"  # the event itself has room
    # A place in the small session frees up: the person waiting for it moves up.
    services.cancel(tickets.cancel_code(Registration.objects.get(name="A")))
    assert Registration.objects.get(name="B").status == "confirmed"
    assert list(small.registrations.filter(status="confirmed").values_list("name", flat=True)) == [
        "B"
    ]


def test_without_a_waiting_list_a_full_session_is_refused(make_event, editor, actor_for):
    event = make_event(capacity=10, waiting_list=False)
    start = event.starts_at
    session = services.add_session(
        actor_for(editor), event, {"ja": "見学"}, start, start + timedelta(hours=1), capacity=1
    )
    services.register(event, applicant(1, sessions=(session.pk,)))
    with pytest.raises(services.ValidationError, match="見学"):
        services.register(event, applicant(2, sessions=(session.pk,)))
    assert Registration.objects.count() == 1


def test_a_session_of_another_event_is_refused(client, two_sessions, make_event):
    _event, small, _large = two_sessions
    other = make_event()
    refused = call(
        client, "post", f"/events/{other.pk}/register",
        {"name": "C", "email": "c@example.org", "sessions": [small.pk]},
    )  # fmt: skip
    assert refused.status_code == 422
    assert not Registration.objects.filter(event=other).exists()


# --- adding sessions: the API and the form on the event's staff page ---------------------------


def session_body(event, **changes) -> dict:
    start = event.starts_at
    body = {
        "title": {"ja": "分科会C", "en": "Session C"},
        "starts_at": (start + timedelta(hours=1)).isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "room": "第2会議室",
        "capacity": 20,
    }
    return body | changes


def test_editor_adds_a_session_through_the_api(client, make_event, issue_token, home_org):
    event = make_event(capacity=10)
    token = issue_token(home_org, Role.EDITOR)
    made = call(client, "post", f"/events/{event.pk}/sessions", session_body(event), token)
    assert made.status_code == 201, made.json()
    assert made.json()["title"] == {"ja": "分科会C", "en": "Session C"}
    assert made.json()["starts_at"].endswith("+09:00")  # shown in the event's zone
    listed = call(client, "get", f"/events/{event.pk}").json()["sessions"]
    assert [(s["room"], s["capacity"]) for s in listed] == [("第2会議室", 20)]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ends_at": "shift:-2h"}, "ends_at", "終了が開始より前"),
        ({"starts_at": "shift:-2h"}, "starts_at", "催しの時間内"),
        ({"ends_at": "shift:+5h"}, "starts_at", "催しの時間内"),
        ({"title": {"en": "no Japanese"}}, "title", "日本語の文は必須"),
    ],
)
def test_a_bad_session_is_a_422_and_nothing_written(
    client, make_event, issue_token, home_org, change, field, message
):
    event = make_event()
    body = session_body(event)
    for key, value in change.items():
        if isinstance(value, str) and value.startswith("shift:"):
            hours = int(value[6:-1])
            value = (event.starts_at + timedelta(hours=1 + hours)).isoformat()
        body[key] = value
    token = issue_token(home_org, Role.EDITOR)
    refused = call(client, "post", f"/events/{event.pk}/sessions", body, token)
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["fields"][0]["field"] == field
    assert message in str(error)
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    "change", [{"capacity": -1}, {"capacity": 10**7}, {"room": "x" * 201}, {"title": "text"}]
)
def test_the_schema_bounds_sessions(client, make_event, issue_token, home_org, change):
    event = make_event()
    token = issue_token(home_org, Role.EDITOR)
    body = session_body(event) | change
    assert call(client, "post", f"/events/{event.pk}/sessions", body, token).status_code == 422
    assert not Session.objects.exists()


def test_only_editors_of_a_host_add_sessions(client, make_event, issue_token, home_org, other_org):
    event = make_event()
    path = f"/events/{event.pk}/sessions"
    assert call(client, "post", path, session_body(event)).status_code == 401
    viewer = issue_token(home_org, Role.VIEWER)
    assert call(client, "post", path, session_body(event), viewer).status_code == 403
    stranger = issue_token(other_org, Role.ADMIN)
    assert call(client, "post", path, session_body(event), stranger).status_code == 404
    private = make_event(is_public=False, public=False)
    body = session_body(private)
    assert call(client, "post", f"/events/{private.pk}/sessions", body, stranger).status_code == 404
    assert not Session.objects.exists()


def local_form(event, **changes) -> dict:
    from zoneinfo import ZoneInfo

    start = event.starts_at.astimezone(ZoneInfo(event.timezone)).replace(tzinfo=None)
    form = {
        "title_ja": "分科会D",
        "starts_at": (start + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(minutes=90)).strftime("%Y-%m-%dT%H:%M"),
        "room": "ホールA",
        "capacity": "15",
    }
    return form | changes


def test_editor_adds_a_session_on_the_event_page(client, make_event, editor):
    event = make_event()
    client.force_login(editor)
    page = client.get(f"/staff/events/{event.pk}/").content.decode()
    assert 'id="timetable"' in page
    assert 'name="title_ja"' in page
    done = client.post(f"/staff/events/{event.pk}/sessions/", local_form(event))
    assert done.status_code == 302
    session = Session.objects.get()
    assert session.starts_at == event.starts_at.replace(second=0) + timedelta(minutes=30)
    page = client.get(f"/staff/events/{event.pk}/").content.decode()
    assert "分科会D" in page
    assert "ホールA" in page
    assert "0 / 15" in page


def test_a_session_outside_the_event_is_shown_on_the_form(client, make_event, editor):
    event = make_event()
    client.force_login(editor)
    late = (event.ends_at + timedelta(hours=10)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(f"/staff/events/{event.pk}/sessions/", local_form(event, ends_at=late))
    assert refused.status_code == 422
    assert "催しの時間内" in refused.content.decode()
    assert not Session.objects.exists()


def test_the_session_form_is_for_editors_of_a_host(client, make_event, member, outsider):
    event = make_event()
    path = f"/staff/events/{event.pk}/sessions/"
    assert client.post(path, local_form(event)).status_code == 302  # to the login page
    client.force_login(member)
    assert 'name="title_ja"' not in client.get(f"/staff/events/{event.pk}/").content.decode()
    assert client.post(path, local_form(event)).status_code == 403
    client.force_login(outsider)
    assert client.post(path, local_form(event)).status_code == 404
    assert not Session.objects.exists()
