"""Password-reset mails are limited per address and per client address, on the staff form and
the admin's, with the same answer either way (security review finding 6); and the generic
limiter they use (glocal.core.ratelimits)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from glocal.core import ratelimits
from glocal.core.models import RateCounter

pytestmark = pytest.mark.django_db

FORMS = {"staff": "/accounts/password_reset/", "admin": "/admin/password_reset/"}


def ask(client, url, email="owner@example.jp", address="198.51.100.23"):
    return client.post(url, {"email": email}, REMOTE_ADDR=address)


def mails_to(address: str) -> int:
    return sum(1 for message in mail.outbox if address in message.to)


@pytest.mark.parametrize("where", FORMS)
def test_thirty_requests_send_three_mails_to_one_address(client, owner, where):
    answers = [ask(client, FORMS[where]) for _ in range(30)]
    assert mails_to("owner@example.jp") == 3
    # The same answer every time: nobody learns that the limit, or the account, is there.
    assert {(a.status_code, a.url) for a in answers} == {(302, answers[0].url)}


def test_the_address_limit_holds_across_both_forms_and_many_clients(client, owner):
    for n in range(10):
        ask(client, FORMS["staff" if n % 2 else "admin"], address=f"203.0.113.{n}")
    assert mails_to("owner@example.jp") == 3


@override_settings(PASSWORD_RESET_MAILS_PER_CLIENT=4)
def test_one_client_cannot_mail_many_addresses(client, owner, editor, member):
    for email in ["owner@example.jp", "editor@example.jp", "member@example.jp"] * 3:
        ask(client, FORMS["staff"], email=email)
    assert len(mail.outbox) == 4
    ask(client, FORMS["staff"], email="member@example.jp", address="192.0.2.1")
    assert len(mail.outbox) == 5  # another client still gets through


def test_unknown_addresses_get_the_same_page_and_no_address_is_stored(client, owner):
    known = ask(client, FORMS["staff"])
    unknown = ask(client, FORMS["staff"], email="nobody@example.jp")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    stored = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert "example.jp" not in stored
    assert "198.51.100.23" not in stored


def test_the_window_ends():
    window = timedelta(minutes=10)
    assert [ratelimits.allow("test", "k", 2, window) for _ in range(3)] == [True, True, False]
    RateCounter.objects.update(window_start=timezone.now() - timedelta(minutes=11))
    assert ratelimits.allow("test", "k", 2, window)


def test_limits_are_counted_in_order_and_stop_at_the_first_refusal():
    window = timedelta(minutes=10)
    checks = [("test:client", "c", 1), ("test:address", "a", 5)]
    assert ratelimits.allow_all(checks, window)
    assert not ratelimits.allow_all(checks, window)
    # The refused client did not use up the address's allowance.
    assert RateCounter.objects.get(key=ratelimits._hashed("test:address", "a")).count == 1
