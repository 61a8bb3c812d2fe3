"""A mailing reaches the group's consenting members through the platform's outbox, over real
SMTP to a sink on 127.0.0.1: each in their language (else English, else Japanese), each with a
working unsubscribe link, and the mailing's report follows what the outbox did."""

import datetime
from urllib.parse import urlparse

import pytest

from glocal.network import mailings
from glocal.network.models import Contact, Group, Mailing, Recipient
from tests.smtpsink import SmtpSink, body, smtp_settings, subject

pytestmark = pytest.mark.django_db

WRITTEN = {
    "ja": ("県人会のお知らせ", "本文です。"),
    "en": ("News from the prefecture", "Dear friends,"),
    "pt": ("Notícias da província", "Caros amigos,"),
    "zh-Hans": ("县里的消息", "各位朋友："),
    "ko": ("현 소식", "친애하는 여러분,"),
}
# The contacts' own languages: four the mailing is written in, Vietnamese (falls back to English)
# and Japanese.
SPOKEN = ["en", "pt", "zh-Hans", "ko", "vi", "ja"]


@pytest.fixture
def smtp():
    sink = SmtpSink().start()
    with smtp_settings(sink.port):
        yield sink
    sink.stop()


def _contacts(org, count, consenting=True):
    made = Contact.objects.bulk_create(
        Contact(
            owner=org,
            name=f"Member {i}",
            language=SPOKEN[i % len(SPOKEN)],
            email=f"member{i}@example.org" if consenting else f"quiet{i}@example.org",
            consent_basis="consent" if consenting else "",
            consent_on=datetime.date(2024, 4, 1) if consenting else None,
        )
        for i in range(count)
    )
    return made


def test_a_mailing_to_1000_contacts_reaches_each_in_their_language_and_unsubscribes(
    smtp, home_org, admin_of, client, django_capture_on_commit_callbacks
):
    actor = admin_of(home_org)
    members = _contacts(home_org, 1000) + _contacts(home_org, 5, consenting=False)
    group = mailings.create_group(actor, home_org.pk, "Friends abroad")
    group.members.add(*members)
    mailing = mailings.create_mailing(actor, home_org.pk, group, WRITTEN)

    with django_capture_on_commit_callbacks(execute=True):
        assert mailings.send_mailing(actor, mailing) == 1000

    assert smtp.count() == 1000
    assert not any(address.startswith("quiet") for address in smtp.recipients)
    for i in (0, 1, 2, 3, 4, 5, 999):
        [mail] = smtp.to(f"member{i}@example.org")
        expected = {"vi": "en"}.get(SPOKEN[i % 6], SPOKEN[i % 6])
        title, text = WRITTEN[expected]
        assert (subject(mail), mail["Content-Language"]) == (title, expected)
        assert body(mail).startswith(text)
        recipient = Recipient.objects.get(mailing=mailing, email=f"member{i}@example.org")
        link = mailings.unsubscribe_url(recipient.token)
        assert mail["List-Unsubscribe"] == f"<{link}>"
        assert link in body(mail)  # the footer, in their language, carries it too
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert mailings.report(mailing)["by_status"] == {"sent": 1000}
    assert mailings.report(mailing)["by_language"] == {
        "en": 333, "pt": 167, "zh-Hans": 167, "ko": 167, "ja": 166
    }  # fmt: skip

    # The one-click POST of a mail program (no CSRF token) withdraws the contact's consent.
    [mail] = smtp.to("member7@example.org")
    client.handler.enforce_csrf_checks = True
    response = client.post(
        urlparse(mail["List-Unsubscribe"][1:-1]).path, {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    contact = Contact.objects.get(email="member7@example.org")
    assert contact.consent_withdrawn_on is not None
    assert mailings.report(mailing)["by_status"] == {"sent": 999, "unsubscribed": 1}
    assert contact.pk not in [r.contact_id for r in mailings.recipients_of(mailing)]


def test_addresses_the_outbox_gave_up_on_are_reported_failed(
    smtp, home_org, admin_of, django_capture_on_commit_callbacks
):
    actor = admin_of(home_org)
    [ana, gone] = _contacts(home_org, 2)
    Contact.objects.filter(pk=gone.pk).update(email="refused@example.org")
    group = mailings.create_group(
        actor, home_org.pk, "Two", Group.Kind.FIXED, contact_ids=[ana.pk, gone.pk]
    )
    mailing = mailings.create_mailing(actor, home_org.pk, group, {"en": ("Hello", "Body")})
    with django_capture_on_commit_callbacks(execute=True):
        mailings.send_mailing(actor, mailing)
    assert smtp.recipients == ["member0@example.org"]
    statuses = dict(mailing.recipients.values_list("email", "status"))
    assert statuses == {"member0@example.org": "sent", "refused@example.org": "failed"}
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT


def test_nothing_leaves_while_the_mailing_is_not_committed(smtp, home_org, admin_of):
    actor = admin_of(home_org)
    [ana] = _contacts(home_org, 1)
    group = mailings.create_group(actor, home_org.pk, "One", contact_ids=[ana.pk])
    mailing = mailings.create_mailing(actor, home_org.pk, group, {"en": ("Hello", "Body")})
    mailings.send_mailing(actor, mailing)  # the test's transaction never commits
    assert smtp.count() == 0
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENDING
