"""delivery.services: the platform's one way to send mail, and what notices may know about
subscribers and deliveries."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from glocal.delivery import services as delivery
from glocal.delivery.models import Delivery, OutboxMessage, Subscriber
from glocal.delivery.subscriptions import subscriber_for
from tests.smtpsink import body, subject

pytestmark = pytest.mark.django_db

REPLY = delivery.Source("consultation.reply", 7, label="Reply #7", purpose="reply")


def test_one_person_gets_their_language_or_the_fallback(smtp, committed, home_org):
    with committed():
        sent = delivery.send(
            home_org,
            REPLY,
            recipients=[
                delivery.Recipient("ana@example.com", "pt"),
                delivery.Recipient("nima@example.com", "ne"),
            ],
            messages={
                "pt": delivery.Message("Resposta", "Olá Ana", html="<p>Olá <b>Ana</b></p>"),
                "ja": delivery.Message("回答", "こんにちは"),
            },
            fallbacks=("ja",),
        )
    [ana] = smtp.to("ana@example.com")
    [nima] = smtp.to("nima@example.com")
    assert subject(ana) == "Resposta"
    assert ana.is_multipart()  # the HTML alternative goes with the text
    assert ana["List-Unsubscribe"] is None  # a reply is not a list: nothing to leave
    assert (subject(nima), body(nima), nima["Content-Language"]) == ("回答", "こんにちは", "ja")
    sent.refresh_from_db()
    assert (sent.status, sent.total, sent.sent, sent.label) == ("done", 2, 2, "Reply #7")


def test_nothing_is_sent_when_the_senders_transaction_rolls_back(smtp, committed, home_org):
    def reply_that_fails():
        with transaction.atomic():
            delivery.send(
                home_org,
                REPLY,
                [delivery.Recipient("ana@example.com", "pt")],
                {"pt": delivery.Message("Resposta", "Olá")},
            )
            raise RuntimeError("the reply was not saved after all")

    with committed(), pytest.raises(RuntimeError):
        reply_that_fails()
    assert smtp.count() == 0
    assert not Delivery.objects.exists()


def test_the_same_key_sends_once(smtp, committed, home_org):
    keyed = delivery.Source("events.ticket", 3, purpose="ticket", key="ticket:3")
    for _ in range(2):
        with committed():
            delivery.send(
                home_org,
                keyed,
                [delivery.Recipient("ana@example.com", "pt")],
                {"pt": delivery.Message("Bilhete", "…")},
            )
    assert smtp.recipients == ["ana@example.com"]
    assert Delivery.objects.count() == 1


def test_a_delivery_needs_a_message(home_org):
    with pytest.raises(ValueError, match="message"):
        delivery.send(home_org, REPLY, [delivery.Recipient("ana@example.com", "pt")], {})


def test_subscribers_get_one_click_unsubscribe_and_their_links(smtp, subscribe, committed):
    ana = subscribe("ana@example.com", "pt")
    with committed():
        delivery.send(
            ana.owner,
            delivery.Source("notices.notice", 1, purpose="alert"),
            delivery.Subscribers(prefecture_id=ana.prefecture_id, category="shelter"),
            {"pt": delivery.Message("Aviso", "Texto", footer="\n-- \nSair: {unsubscribe_url}")},
        )
    [mail] = smtp.to("ana@example.com")
    token = mail["List-Unsubscribe"].rstrip("/>").rsplit("/", 1)[1]
    assert subscriber_for(token) == ana  # her own link
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert body(mail).endswith(f"Sair: {mail['List-Unsubscribe'][1:-1]}")


def test_removing_a_subscriber_takes_their_address_out_of_the_outbox(
    subscribe, home_org, owner, editor, actor_for
):
    ana = subscribe("Ana@Example.com", "pt")
    delivery.send(
        home_org,
        REPLY,
        [delivery.Recipient("Ana@Example.com", "pt")],
        {"pt": delivery.Message("Resposta", "Olá")},
    )  # not committed: it waits in the outbox
    assert delivery.subscriber_count(home_org) == 1
    with pytest.raises(PermissionDenied):  # an editor is not an administrator
        delivery.remove_subscriber(actor_for(editor), home_org, "ana@example.com")
    assert delivery.remove_subscriber(actor_for(owner), home_org, " ana@EXAMPLE.com ")
    assert not Subscriber.objects.filter(pk=ana.pk).exists()
    assert not OutboxMessage.objects.exists()
    assert delivery.subscriber_count(home_org) == 0
    assert not delivery.remove_subscriber(actor_for(owner), home_org, "ana@example.com")


def test_delivery_does_not_reach_into_notices():
    """Notices use delivery through its services; delivery never imports notices (its portal
    pages share core's base template and helpers; subscription topics come from the registry).
    Migrations are history and exempt."""
    import ast
    from pathlib import Path

    import glocal.delivery

    root = Path(glocal.delivery.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("glocal.notices")]
    assert offenders == []


def test_attachments_go_with_the_message_in_the_recipients_language(smtp, committed, home_org):
    ticket = delivery.Attachment("ticket.png", b"\x89PNG\r\n\x1a\n-ticket-", "image/png")
    calendar = delivery.Attachment(
        "event.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"
    )
    with committed():
        delivery.send(
            home_org,
            delivery.Source("events.registration", 3, purpose="registered", key="registered"),
            [delivery.Recipient("ana@example.com", "pt")],
            {
                "pt": delivery.Message("Inscrição", "Olá Ana", attachments=(ticket, calendar)),
                "ja": delivery.Message("申込み", "こんにちは"),
            },
        )
    [mail] = smtp.to("ana@example.com")
    parts = {p.get_filename(): p for p in mail.walk() if p.get_filename()}
    assert subject(mail) == "Inscrição"
    assert parts["ticket.png"].get_content_type() == "image/png"
    assert parts["ticket.png"].get_payload(decode=True) == b"\x89PNG\r\n\x1a\n-ticket-"
    assert parts["event.ics"].get_content_type() == "text/calendar"
    assert b"BEGIN:VCALENDAR" in parts["event.ics"].get_payload(decode=True)
    text = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    assert text.get_payload(decode=True).decode() == "Olá Ana"


def test_its_sender_hears_when_a_delivery_finished_and_who_was_not_reached(
    smtp, committed, home_org
):
    heard = []

    def listener(sender, delivery, **kwargs):
        heard.append((delivery.pk, delivery.status, delivery_failed(delivery)))

    delivery_failed = delivery.failed_addresses
    delivery.finished.connect(listener)
    try:
        with committed():
            sent = delivery.send(
                home_org,
                REPLY,
                [
                    delivery.Recipient("ana@example.com", "pt"),
                    delivery.Recipient("refused@example.com", "pt"),
                ],
                {"pt": delivery.Message("Resposta", "Olá")},
            )
    finally:
        delivery.finished.disconnect(listener)
    assert heard == [(sent.pk, "done", ["refused@example.com"])]
