"""What registrants receive, through the platform's outbox over SMTP to a sink on 127.0.0.1:
the confirmation (or waiting-list notice) in their language with the ticket's QR code and the
event as .ics, and a notice when a place frees up for them."""

from urllib.parse import urlparse

import pytest

from glocal.events import services, tickets
from tests.events.conftest import applicant
from tests.smtpsink import SmtpSink, body, smtp_settings, subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp():
    sink = SmtpSink().start()
    with smtp_settings(sink.port):
        yield sink
    sink.stop()


def _files(mail) -> dict:
    return {p.get_filename(): p for p in mail.walk() if p.get_filename()}


def _text(mail) -> str:
    return body(next(p for p in mail.walk() if p.get_content_type() == "text/plain"))


def test_the_confirmation_carries_the_ticket_and_the_calendar_in_their_language(
    smtp, make_event, client, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        ana = services.register(event, applicant(1, email="ana@example.org", language="pt"))
    [mail] = smtp.to("ana@example.org")
    assert subject(mail).startswith("Inscrição: ")
    assert mail["Content-Language"] == "pt"
    assert "Sua vaga está confirmada." in _text(mail)
    files = _files(mail)
    assert files["ticket.png"].get_content_type() == "image/png"
    assert files["ticket.png"].get_payload(decode=True) == tickets.qr_png(tickets.ticket_code(ana))
    assert b"BEGIN:VCALENDAR" in files["event.ics"].get_payload(decode=True)
    # The cancellation link in the mail works, on the site's address.
    link = next(w for w in _text(mail).split() if "/events/cancel/" in w)
    assert client.get(urlparse(link).path).status_code == 200


def test_the_waiting_list_notice_then_the_promotion(
    smtp, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)  # with a waiting list, by default
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register(event, applicant(1))
        services.register(event, applicant(2, language="ja"))
    [waiting] = smtp.to("guest2@example.org")
    assert "キャンセル待ちです" in _text(waiting)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(tickets.cancel_code(first))
    [_, promoted] = smtp.to("guest2@example.org")
    assert "参加が確定しました" in _text(promoted)
    assert "ticket.png" in _files(promoted)
    # Registering once sends once: the first guest got one mail only.
    assert len(smtp.to("guest1@example.org")) == 1
