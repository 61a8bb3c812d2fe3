"""What the desk mails residents, through the platform's outbox over SMTP to a sink on
127.0.0.1: replies in the resident's language, and the public form's confirmation in the
reader's."""

import pytest
from django.db import transaction

from glocal.delivery.models import Delivery
from glocal.desk import services
from glocal.desk.models import Message
from glocal.orgs.actors import Actor
from tests.smtpsink import SmtpSink, body, smtp_settings, subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp():
    sink = SmtpSink().start()
    with smtp_settings(sink.port):
        yield sink
    sink.stop()


def test_a_reply_reaches_the_resident_in_their_language(
    smtp, counsellor, make_case, home_org, django_capture_on_commit_callbacks
):
    case = make_case(language="vi")
    answer = services.save_canned_answer(
        Actor(user=counsellor), home_org, "bring-card", "在留カードを持参",
        {"ja": ("ご案内", "在留カードを持ってきてください。", "reviewed"),
         "vi": ("Hướng dẫn", "Vui lòng mang theo thẻ cư trú.", "unreviewed")},
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply(Actor(user=counsellor), case, answer=answer)
    [mail] = smtp.to("a@example.vn")
    assert (subject(mail), body(mail)) == ("Hướng dẫn", "Vui lòng mang theo thẻ cư trú.")
    assert mail["Content-Language"] == "vi"
    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.SENT
    assert Delivery.objects.get(source_kind="desk.message", source_id=reply.pk).sent == 1


def test_a_reply_rolled_back_sends_nothing(
    smtp, counsellor, make_case, django_capture_on_commit_callbacks
):
    case = make_case(language="vi")

    def reply_then_fail():
        with transaction.atomic():
            services.reply(Actor(user=counsellor), case, body="Xin chào")
            raise RuntimeError("the page failed after the reply")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        reply_then_fail()
    assert smtp.count() == 0


def test_the_public_form_confirms_in_the_readers_language(
    smtp, client, counsellor, home_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/residents/desk/vi/",
            {"desk": home_org.pk, "topic": "medical", "message": "Tôi cần bác sĩ\nGấp",
             "email": "r@example.vn"},
            REMOTE_ADDR="203.0.113.5",
        )  # fmt: skip
    assert response.status_code == 200
    [mail] = smtp.to("r@example.vn")
    case = Message.objects.get(direction="in").case
    assert subject(mail).startswith("Quầy tư vấn")
    assert "Cảm ơn" in body(mail)
    assert str(case.pk) in body(mail)
    assert "> Tôi cần bác sĩ\n> Gấp" in body(mail)
    assert mail["Content-Language"] == "vi"


def test_the_public_form_without_an_address_mails_no_one(
    smtp, client, counsellor, home_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/residents/desk/ja/",
            {"desk": home_org.pk, "topic": "medical", "message": "医者を探しています"},
            REMOTE_ADDR="203.0.113.6",
        )  # fmt: skip
    assert smtp.count() == 0
