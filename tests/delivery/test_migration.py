"""Migrations 0004–0006 carry notice-tied deliveries over to the general outbox: an unfinished
delivery made before the upgrade is finished after it, in each subscriber's language, and what
was sent is not sent again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from glocal.delivery import outbox
from glocal.delivery.models import Delivery, OutboxMessage, Subscriber
from glocal.notices import library, services
from glocal.places.reference import load_reference
from tests.smtpsink import subject

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("delivery", "0003_delivery_leases_and_claims")
AFTER = ("delivery", "0006_drop_notice_ties")
LATEST = ("delivery", "0008_attachments_and_platform_sender")  # what today's outbox reads


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.fixture
def reference():
    load_reference(progress=False)  # transactional tests start from an empty database
    library.load(library.read())


def test_notice_deliveries_are_carried_over(
    reference, smtp, home_org, place, editor, owner, actor_for, shelter
):
    notice = services.create_notice(
        actor_for(editor),
        {
            "owner_id": home_org.pk,
            "category": "shelter",
            "severity": "warning",
            "prefecture": "070009",
            "valid_from": timezone.now(),
            "phrases": ["shelter.opened"],
            "slots": {"date": "2026-11-21", "time": "15:30", "facility": "tsuruga-gym"},
        },
    )
    services.approve_notice(actor_for(owner), notice)
    readers = {
        email: Subscriber.objects.create(
            owner=home_org,
            email=email,
            language=language,
            prefecture=place("070009"),
            confirmed_at=timezone.now(),
        )
        for email, language in [("ana@example.com", "pt"), ("lan@example.com", "vi")]
    }
    old = migrate(BEFORE)
    OldDelivery = old.get_model("delivery", "Delivery")
    OldMessage = old.get_model("delivery", "OutboxMessage")
    version = notice.current_version
    delivery = OldDelivery.objects.create(
        notice_id=notice.pk, version_id=version.pk, kind="alert", status="sending", total=2, sent=1
    )
    OldMessage.objects.create(
        delivery=delivery, subscriber_id=readers["ana@example.com"].pk, status="sent"
    )
    OldMessage.objects.create(delivery=delivery, subscriber_id=readers["lan@example.com"].pk)

    migrate(AFTER)

    carried = Delivery.objects.get()
    assert (carried.owner_id, carried.source_kind, carried.source_id) == (
        home_org.pk,
        "notices.notice",
        notice.pk,
    )
    assert carried.key == f"alert:{version.pk}"
    assert carried.contents.filter(language="vi").exists()
    waiting = OutboxMessage.objects.get(status="pending")
    assert (waiting.address, waiting.language) == ("lan@example.com", "vi")
    assert "/residents/unsubscribe/" in waiting.unsubscribe_url
    migrate(LATEST)
    outbox.send(carried.pk)
    assert smtp.recipients == ["lan@example.com"]  # ana had hers before the upgrade
    [mail] = smtp.messages
    assert subject(mail) == version.texts.get(language="vi").title[:200]
    carried.refresh_from_db()
    assert (carried.status, carried.sent, carried.total) == ("done", 2, 2)
    # Publishing now starts no second delivery of that version (the key carried over).
    services.publish_notice(actor_for(editor), notice)
    assert Delivery.objects.count() == 1
