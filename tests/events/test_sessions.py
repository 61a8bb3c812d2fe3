"""Sessions chosen at registration keep their own capacity: on the page, through the API, and
when the waiting list moves."""

from datetime import timedelta

import pytest

from glocal.events import services, tickets
from glocal.events.models import Registration
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
