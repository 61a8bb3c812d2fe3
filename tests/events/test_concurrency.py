"""Capacity under concurrent registrations and one arrival per ticket under concurrent scans,
each request in its own transaction and connection as in several gunicorn workers."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier

import pytest
from django.db import connection
from django.utils import timezone

from glocal.events import services, tickets
from glocal.events.models import CheckIn, Event, Registration
from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation, Role
from tests.events.conftest import applicant

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _event(capacity: int) -> tuple[Event, Actor]:
    organisation = Organisation.objects.create(slug="host", name="Host")
    actor = Actor(via="test", _roles={organisation.pk: Role.EDITOR})
    start = timezone.now() + timedelta(days=3)
    data = {"kind": "seminar", "title": {"ja": "同時申込み"}, "starts_at": start,
            "ends_at": start + timedelta(hours=2), "capacity": capacity,
            "is_public": True}  # fmt: skip
    return services.create_event(actor, organisation.pk, data), actor


def _at_once(n: int, work):
    start = Barrier(n)

    def run(i):
        try:
            start.wait()
            return work(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def test_concurrent_registrations_never_overfill():
    assert connection.vendor == "postgresql"
    event, _actor = _event(capacity=5)
    statuses = _at_once(20, lambda i: services.register(event, applicant(i)).status)
    assert statuses.count("confirmed") == 5
    assert statuses.count("waitlisted") == 15
    assert Registration.objects.filter(status="confirmed").count() == 5


def test_concurrent_cancellations_promote_exactly_the_freed_places():
    event, _actor = _event(capacity=4)
    made = [services.register(event, applicant(i)) for i in range(10)]
    codes = [tickets.cancel_code(r) for r in made[:4]]
    _at_once(4, lambda i: services.cancel(codes[i]))
    confirmed = Registration.objects.filter(status="confirmed").order_by("created_at")
    assert [r.pk for r in confirmed] == [r.pk for r in made[4:8]]


def test_concurrent_scans_of_one_ticket_count_once():
    event, actor = _event(capacity=5)
    code = tickets.ticket_code(services.register(event, applicant(1)))
    results = _at_once(8, lambda i: services.check_in(actor, event, code, device=f"p{i}").result)
    assert results.count("checked_in") == 1
    assert results.count("already") == 7
    assert CheckIn.objects.count() == 1
