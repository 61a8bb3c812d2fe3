"""Co-hosts are an access grant: who added or removed one is in the event's log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from glocal.events import services
from glocal.orgs.models import AuditEvent

pytestmark = pytest.mark.django_db


def _cohost_changes(event):
    logged = AuditEvent.objects.filter(model="events.Event", object_id=str(event.pk))
    return [e.changes["cohosts"] for e in logged.order_by("pk") if "cohosts" in e.changes]


def test_cohosts_set_and_changed_are_logged_by_id(home_org, other_org, editor, actor_for):
    start = timezone.now() + timedelta(days=7)
    data = {"kind": "seminar", "title": {"ja": "共催の説明会"}, "starts_at": start,
            "ends_at": start + timedelta(hours=2)}  # fmt: skip
    actor = actor_for(editor)
    event = services.create_event(actor, home_org.pk, data, cohost_ids=[other_org.pk])
    assert _cohost_changes(event) == [[[], [other_org.pk]]]
    assert AuditEvent.objects.filter(object_id=str(event.pk), user=editor).exists()  # by whom

    services._link(actor, event, [other_org.pk], ())  # the same co-hosts: nothing logged
    assert len(_cohost_changes(event)) == 1
