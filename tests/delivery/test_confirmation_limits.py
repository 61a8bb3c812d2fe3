"""A burst of subscribe requests sends a few confirmation mails, not one per request."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier
from unittest import mock

import pytest
from django.db import connection, transaction
from django.utils import timezone

from glocal.core.models import RateCounter
from glocal.delivery import confirmation_limits
from glocal.delivery.models import Subscriber

pytestmark = pytest.mark.django_db


def ask(client, committed, home_org, email, client_address="198.51.100.7"):
    with committed():
        return client.post(
            "/residents/en/subscribe/",
            {"area": "070009", "email": email, "organisation": home_org.pk},
            REMOTE_ADDR=client_address,
        )


def test_a_burst_for_one_address_sends_a_few_mails(client, smtp, committed, home_org):
    pages = {ask(client, committed, home_org, "ana@example.com").content for _ in range(30)}
    assert len(smtp.to("ana@example.com")) == confirmation_limits.per_address() == 3
    # Every answer is the same page: it tells nobody when the limit was reached.
    assert len(pages) == 1
    assert b"ana@example.com" in pages.pop()


def test_the_address_limit_holds_across_clients_and_letter_case(client, smtp, committed, home_org):
    for n in range(30):
        email = "ana@example.com" if n % 2 else "ANA@EXAMPLE.COM"
        ask(client, committed, home_org, email, client_address=f"203.0.113.{n + 1}")
    assert smtp.count() == 3
    assert Subscriber.objects.count() == 1


def test_a_burst_from_one_client_sends_a_few_mails(client, smtp, committed, home_org):
    for n in range(30):
        assert ask(client, committed, home_org, f"person{n}@example.com").status_code == 200
    assert smtp.count() == confirmation_limits.per_client() == 10
    # Requests over the limit write nothing: no rows for addresses nobody was asked about.
    assert Subscriber.objects.count() == 10


def test_the_limit_ends_with_its_short_window(client, smtp, committed, home_org):
    for _ in range(5):
        ask(client, committed, home_org, "ana@example.com")
    assert smtp.count() == 3
    later = timezone.now() + confirmation_limits.window() + timedelta(seconds=1)
    with mock.patch("glocal.core.ratelimits.timezone.now", return_value=later):
        ask(client, committed, home_org, "ana@example.com")
    assert smtp.count() == 4
    assert confirmation_limits.window() <= timedelta(minutes=15)


def test_counters_keep_no_address(client, smtp, committed, home_org):
    ask(client, committed, home_org, "ana@example.com")
    keys = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert keys
    assert "ana" not in keys
    assert "198.51" not in keys


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_share_one_count():
    """Thirty requests at once, each in its own transaction and connection (as in several
    gunicorn workers): the row lock lets exactly the allowance through."""
    assert connection.vendor == "postgresql"
    start = Barrier(30)

    def request(n: int) -> bool:
        try:
            start.wait()
            with transaction.atomic():
                return confirmation_limits.allow("ana@example.com", f"203.0.113.{n}")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=30) as pool:
        allowed = list(pool.map(request, range(30)))
    assert allowed.count(True) == confirmation_limits.per_address()
