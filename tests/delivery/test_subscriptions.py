"""Subscribing on the portal in one's own language: double opt-in, changes, one-click leave."""

import re
import time
from unittest import mock

import pytest

from glocal.delivery import subscriptions
from glocal.delivery.models import Subscriber
from glocal.notices import portal
from tests.smtpsink import body, subject

pytestmark = pytest.mark.django_db


def sign_up(client, committed, home_org, email="ana@example.com"):
    with committed():
        return client.post(
            "/residents/pt/subscribe/",
            {
                "area": "070009",
                "email": email,
                "organisation": home_org.pk,
                "municipalities": ["072028"],
                "categories": ["earthquake", "shelter"],
            },
        )


def link(message, kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/residents/{kind}/[^\s]+)", body(message))[1]


def test_subscribe_confirm_change_and_leave(client, smtp, committed, home_org):
    response = sign_up(client, committed, home_org)
    page = response.content.decode()
    assert response.status_code == 200
    assert "ana@example.com" in page
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None
    assert subscriber.category_list == ["earthquake", "shelter"]
    [mail] = smtp.to("ana@example.com")
    assert mail["Content-Language"] == "pt"
    assert subject(mail)  # in Portuguese, from the portal's words
    confirm = link(mail, "confirm")
    assert "Obrigad" in client.get(confirm).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    # The link used again: a clear page, nothing changes.
    again = client.get(confirm)
    assert again.status_code == 200
    # Change language and categories from the manage page.
    manage = confirm.replace("/confirm/", "/manage/")
    client.post(manage, {"language": "es", "categories": ["heat"]})
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.category_list) == ("es", ["heat"])
    # Leave in one click: the address is gone.
    left = client.get(confirm.replace("/confirm/", "/unsubscribe/"))
    assert left.status_code == 200
    assert not Subscriber.objects.exists()


def test_one_click_unsubscribe_by_post(client, home_org, place):
    subscriber = Subscriber.objects.create(
        owner=home_org, email="x@example.com", language="en", prefecture=place("070009")
    )
    token = subscriptions.token_for(subscriber)
    response = client.post(f"/residents/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 204
    assert not Subscriber.objects.exists()


def test_bad_and_expired_links_get_a_clear_page(client, home_org, place):
    invalid = portal.words("ja")["link_invalid"]
    for path in ("/residents/confirm/nonsense/", "/residents/unsubscribe/nonsense/"):
        response = client.get(path)
        assert response.status_code == 404
        assert invalid in response.content.decode()
    subscriber = Subscriber.objects.create(
        owner=home_org, email="late@example.com", language="en", prefecture=place("070009")
    )
    token = subscriptions.token_for(subscriber)
    eight_days_later = time.time() + 8 * 86400
    with mock.patch("django.core.signing.time.time", return_value=eight_days_later):
        expired = client.get(f"/residents/confirm/{token}/")
    assert expired.status_code == 404
    assert invalid in expired.content.decode()


def test_an_invalid_address_is_a_clear_message(client, smtp, committed, home_org):
    response = sign_up(client, committed, home_org, email="not-an-address")
    assert response.status_code == 422
    assert smtp.count() == 0
    assert not Subscriber.objects.exists()


def test_subscribing_twice_reveals_nothing_and_keeps_one_row(client, smtp, committed, home_org):
    first = sign_up(client, committed, home_org).content.decode()
    second = sign_up(client, committed, home_org).content.decode()
    assert Subscriber.objects.count() == 1
    assert first.count("ana@example.com") == second.count("ana@example.com")


def test_addresses_never_appear_on_public_pages(client, smtp, committed, home_org, published):
    sign_up(client, committed, home_org)
    for path in (
        "/residents/pt/",
        f"/residents/pt/notices/{published.pk}/",
        "/residents/pt/feed.rss",
    ):
        assert "ana@example.com" not in client.get(path).content.decode()


def test_administrators_delete_a_subscription_on_request(client, owner, editor, subscribe):
    subscribe("ana@example.com", "pt")
    client.force_login(editor)
    assert (
        client.post("/staff/notices/subscribers/remove/", {"email": "ana@example.com"}).status_code
        == 403
    )
    client.force_login(owner)
    client.post("/staff/notices/subscribers/remove/", {"email": "ANA@example.com"})
    assert not Subscriber.objects.exists()
