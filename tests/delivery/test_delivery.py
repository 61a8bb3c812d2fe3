"""Publishing fans out to subscribers in their language, over real SMTP to a local sink."""

import pytest
from django.utils import timezone

from glocal.delivery import outbox
from glocal.delivery.models import Delivery, OutboxMessage
from glocal.notices import services
from tests.smtpsink import body, subject

pytestmark = pytest.mark.django_db


def test_publishing_sends_each_subscriber_their_language(
    smtp, subscribe, committed, draft, owner, editor, actor_for
):
    subscribe("ana@example.com", "pt")
    subscribe("lan@example.com", "vi", municipalities=["072028"])
    subscribe("elsewhere@example.com", "en", municipalities=["072010"])  # 福島市 only
    subscribe("garbage-only@example.com", "en", categories=["garbage"])
    subscribe("unconfirmed@example.com", "en", confirmed=False)
    with committed():
        services.approve_notice(actor_for(owner), draft)
    with committed():
        services.publish_notice(actor_for(editor), draft)
    assert sorted(smtp.recipients) == ["ana@example.com", "lan@example.com"]
    [ana] = smtp.to("ana@example.com")
    pt = draft.published_version.text("pt")
    assert subject(ana) == pt.title[:200]
    text = body(ana)
    assert pt.body in text
    assert "/residents/unsubscribe/" in text
    assert ana["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ana["Content-Language"] == "pt"
    delivery = Delivery.objects.get()
    assert (delivery.total, delivery.sent, delivery.failed, delivery.status) == (2, 2, 0, "done")


def test_publishing_twice_sends_once(smtp, subscribe, committed, published, editor, actor_for):
    before = smtp.count()
    with committed():
        services.publish_notice(actor_for(editor), published)
    assert smtp.count() == before


def test_updates_and_cancellations_are_sent_too(
    smtp, subscribe, committed, published, editor, owner, actor_for
):
    subscribe("ana@example.com", "pt")
    services.revise_notice(
        actor_for(editor),
        published,
        {
            "phrases": ["shelter.closed"],
            "slots": {"facility": "tsuruga-gym", "date": "2026-11-23", "time": "10:00"},
        },
    )
    with committed():
        services.approve_notice(actor_for(owner), published)
    with committed():
        services.publish_notice(actor_for(editor), published)
    with committed():
        services.cancel_notice(actor_for(editor), published)
    subjects = [subject(m) for m in smtp.to("ana@example.com")]
    assert subjects[0].startswith("Atualizado") or subjects[0].startswith("Atualiz")
    assert len(subjects) == 2
    assert [d.kind for d in Delivery.objects.order_by("pk")] == ["alert", "update", "cancel"]


def test_a_refused_address_is_recorded_and_the_rest_delivered(
    smtp, subscribe, committed, draft, owner, editor, actor_for
):
    subscribe("refused@example.com", "en")
    subscribe("ok@example.com", "en")
    with committed():
        services.approve_notice(actor_for(owner), draft)
    with committed():
        services.publish_notice(actor_for(editor), draft)
    assert smtp.recipients == ["ok@example.com"]
    failed = OutboxMessage.objects.get(status="failed")
    assert "550" in failed.error
    delivery = Delivery.objects.get()
    assert (delivery.sent, delivery.failed, delivery.status) == (1, 1, "done")


def test_a_language_without_text_gets_easy_japanese(
    smtp, subscribe, committed, home_org, editor, owner, actor_for
):
    subscribe("nima@example.com", "ne")
    notice = services.create_notice(
        actor_for(editor),
        {
            "owner_id": home_org.pk,
            "category": "general",
            "severity": "info",
            "prefecture": "070009",
            "texts": {
                "ja": {"title": "お知らせ", "body": "本文です。"},
                "ja-x-easy": {"title": "おしらせ", "body": "よんで ください。"},
            },
        },
    )
    with committed():
        services.approve_notice(actor_for(owner), notice)
    with committed():
        services.publish_notice(actor_for(editor), notice)
    [message] = smtp.to("nima@example.com")
    assert subject(message) == "おしらせ"
    assert message["Content-Language"] == "ja-x-easy"


def test_staff_see_the_delivery_report(
    client, smtp, subscribe, committed, draft, owner, editor, actor_for
):
    subscribe("refused@example.com", "en")
    subscribe("ok@example.com", "en")
    services.approve_notice(actor_for(owner), draft)
    with committed():
        services.publish_notice(actor_for(editor), draft)
    client.force_login(editor)
    page = client.get(f"/staff/notices/{draft.pk}/").content.decode()
    assert "1 / 2" in page
    assert "550" in page
    assert "refused@example.com" not in page  # the report names no address
    partial = client.get(f"/staff/notices/{draft.pk}/deliveries/").content.decode()
    assert "完了" in partial


def test_a_temporary_failure_is_retried_later(
    smtp, subscribe, committed, draft, owner, editor, actor_for, caplog
):
    subscribe("later@example.com", "en")
    services.approve_notice(actor_for(owner), draft)
    with committed():
        services.publish_notice(actor_for(editor), draft)
    waiting = OutboxMessage.objects.get()
    assert (waiting.status, waiting.attempts) == ("pending", 1)
    assert "451" in waiting.error
    [logged] = [r for r in caplog.records if r.name == "glocal.delivery.outbox"]
    assert logged.levelname == "WARNING"
    assert "451" in logged.getMessage()
    assert "later@example.com" not in logged.getMessage()
    assert waiting.next_attempt_at > timezone.now()
    OutboxMessage.objects.update(next_attempt_at=timezone.now())  # the backoff has passed
    outbox.send(waiting.delivery_id)
    assert smtp.recipients == ["later@example.com"]
    delivery = Delivery.objects.get()
    assert (delivery.sent, delivery.failed, delivery.status) == (1, 0, "done")
    sent = OutboxMessage.objects.get()
    assert (sent.status, sent.attempts, sent.error) == ("sent", 2, "")  # the old error is gone


def test_when_the_mail_server_is_away_the_batch_waits(
    subscribe, committed, draft, owner, editor, actor_for, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    subscribe("ana@example.com", "pt")
    services.approve_notice(actor_for(owner), draft)
    with committed():
        services.publish_notice(actor_for(editor), draft)
    waiting = OutboxMessage.objects.get()
    assert (waiting.status, waiting.attempts) == ("pending", 1)
    assert "ConnectionRefused" in waiting.error
    assert Delivery.objects.get().status == "sending"
    assert "cannot reach the mail server" in caplog.text
