"""The outbox's guarantees, in one process: a result is recorded only under the claim that sent
it, the report never counts more than its recipients, and the sweep resumes what nobody is
working on (the same, with real killed workers on PostgreSQL, is in test_workers.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from glocal.delivery import outbox
from glocal.delivery.models import Delivery, OutboxMessage
from glocal.notices import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(subscribe, draft, owner, editor, actor_for):
    """A delivery to two subscribers, planned, that no sender has started."""
    subscribe("ana@example.com", "pt")
    subscribe("lan@example.com", "vi")
    services.approve_notice(actor_for(owner), draft)
    services.publish_notice(actor_for(editor), draft)  # its tasks wait for a commit: none here
    delivery = Delivery.objects.get()
    outbox.plan(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.total) == ("sending", 2)
    return delivery


def test_a_claim_taken_over_records_nothing(planned):
    first, ids = outbox._claim(planned.pk)
    OutboxMessage.objects.update(claimed_at=timezone.now() - timedelta(hours=1))  # gone stale
    second, again = outbox._claim(planned.pk)
    assert sorted(again) == sorted(ids)
    assert second != first
    outbox._record(planned.pk, first, ids, [], [])  # the slow first sender finishes late
    planned.refresh_from_db()
    assert planned.sent == 0
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sending"}
    outbox._record(planned.pk, second, again, [], [])
    outbox._record(planned.pk, second, again, [], [])  # recording twice counts once
    planned.refresh_from_db()
    assert (planned.sent, planned.total) == (2, 2)


def test_a_renewed_claim_does_not_go_stale_and_a_lost_one_is_dropped(planned, settings):
    settings.OUTBOX_STALE_SECONDS = 0  # renew before every message
    claim, ids = outbox._claim(planned.pk)
    batch = outbox._Claim(claim, ids)
    assert all(batch.still_mine(pk) for pk in ids)
    OutboxMessage.objects.filter(pk=ids[0]).update(claim="someone else")
    assert not batch.still_mine(ids[0])
    assert batch.still_mine(ids[1])


def test_the_sweep_resumes_a_planner_that_stopped(
    smtp, subscribe, committed, draft, owner, editor, actor_for
):
    subscribe("ana@example.com", "pt")
    services.approve_notice(actor_for(owner), draft)
    services.publish_notice(actor_for(editor), draft)  # queued on a commit that never comes
    delivery = Delivery.objects.get()
    Delivery.objects.update(planner="dead", planner_seen_at=timezone.now())
    with committed():
        assert outbox.sweep() == 0  # the planner's lease is fresh: it may be alive
    assert smtp.count() == 0
    Delivery.objects.update(planner_seen_at=timezone.now() - timedelta(hours=1))
    with committed():
        assert outbox.sweep() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.sent) == ("done", 1)
    assert smtp.recipients == ["ana@example.com"]


def test_the_sweep_resumes_sending_nobody_holds(smtp, planned, committed):
    outbox._claim(planned.pk)  # a sender that then died
    with committed():
        assert outbox.sweep() == 0  # its claim is still live
    OutboxMessage.objects.update(claimed_at=timezone.now() - timedelta(hours=1))
    with committed():
        assert outbox.sweep() == 1
    planned.refresh_from_db()
    assert (planned.status, planned.sent) == ("done", 2)
    assert sorted(smtp.recipients) == ["ana@example.com", "lan@example.com"]
