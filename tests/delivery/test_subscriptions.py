"""Subscribing on the portal in one's own language: double opt-in, changes, one-click leave."""

import re
import time
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from glocal.core import portal
from glocal.delivery import subscriptions
from glocal.delivery.models import Subscriber
from tests.smtpsink import body, subject

pytestmark = pytest.mark.django_db


def sign_up(client, committed, home_org, email="ana@example.com", language="pt", **data):
    fields = {
        "area": "070009",
        "email": email,
        "organisation": home_org.pk,
        "municipalities": ["072028"],
        "categories": ["earthquake", "shelter"],
    }
    with committed():
        return client.post(f"/residents/{language}/subscribe/", {**fields, **data})


def link(message, kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/residents/{kind}/[^\s]+)", body(message))[1]


def test_subscribe_confirm_change_and_leave(client, smtp, committed, home_org):
    response = sign_up(client, committed, home_org)
    page = response.content.decode()
    assert response.status_code == 200
    assert "ana@example.com" in page
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None
    assert subscriber.categories == ["earthquake", "shelter"]
    [mail] = smtp.to("ana@example.com")
    assert mail["Content-Language"] == "pt"
    assert subject(mail)  # in Portuguese, from the portal's words
    confirm = link(mail, "confirm")
    # Opening the link asks, in Portuguese, with the choices; the button confirms.
    question = client.get(confirm).content.decode()
    assert "Receber por e-mail" in question
    assert "Aizuwakamatsu" in question
    assert "Sim, confirmar" in question
    assert "Obrigad" in client.post(confirm).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    # The link used again: a clear page, nothing changes.
    again = client.post(confirm)
    assert again.status_code == 200
    assert portal.words("pt")["already_confirmed"] in again.content.decode()
    # Change language and categories from the manage link of the notices.
    token = subscriptions.token_for(subscriber)
    client.post(f"/residents/manage/{token}/", {"language": "es", "categories": ["heat"]})
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.categories) == ("es", ["heat"])
    # Leave with the button of the unsubscribe page: the address is gone.
    left = client.post(f"/residents/unsubscribe/{token}/")
    assert left.status_code == 200
    assert portal.words("es")["unsubscribed"] in left.content.decode()
    assert not Subscriber.objects.exists()


def test_resubscribing_in_another_case_changes_nothing_until_the_owner_confirms(
    client, smtp, committed, home_org, subscribe, place
):
    ana = subscribe("ana@example.com", "pt", municipalities=["072028"], categories=["shelter"])
    # A stranger types Ana's address in other letters, with other choices.
    attack = sign_up(
        client,
        committed,
        home_org,
        email="ANA@Example.COM",
        language="es",
        municipalities=["072010"],
        categories=["heat"],
    )
    assert attack.status_code == 200
    assert Subscriber.objects.count() == 1
    ana.refresh_from_db()
    assert ana.email == "ana@example.com"
    assert (ana.language, ana.categories) == ("pt", ["shelter"])
    assert [m.code for m in ana.municipalities.all()] == ["072028"]
    assert ana.confirmed_at is not None
    # The change waits in the link mailed to Ana (in her language), and only she can use it.
    [mail] = smtp.to("ana@example.com")
    assert mail["Content-Language"] == "pt"
    change = link(mail, "confirm")
    client.get(change)  # a mail scanner following the link
    client.head(change)
    ana.refresh_from_db()
    assert (ana.language, ana.categories) == ("pt", ["shelter"])
    saved = client.post(change)
    assert portal.words("es")["saved"] in saved.content.decode()
    ana.refresh_from_db()
    assert (ana.language, ana.categories) == ("es", ["heat"])
    assert [m.code for m in ana.municipalities.all()] == ["072010"]


def test_one_address_in_any_case_is_one_subscriber(home_org, subscribe, place):
    subscribe("ana@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        subscribe("Ana@Example.com")
    assert subscriptions.normalise(" Ana.Silva@EXAMPLE.com ") == "Ana.Silva@example.com"


def test_an_unconfirmed_subscription_keeps_its_first_choices(client, smtp, committed, home_org):
    sign_up(client, committed, home_org)
    sign_up(client, committed, home_org, email="Ana@example.com", categories=["heat"])
    subscriber = Subscriber.objects.get()
    assert subscriber.categories == ["earthquake", "shelter"]
    _first, second = smtp.to("ana@example.com")
    client.post(link(second, "confirm"))
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert subscriber.categories == ["heat"]  # the link used carries its own choices


def test_get_and_head_on_the_unsubscribe_link_leave_the_subscriber(client, subscribe):
    subscriber = subscribe("ana@example.com", "pt")
    path = f"/residents/unsubscribe/{subscriptions.token_for(subscriber)}/"
    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'lang="pt"' in text
    assert portal.words("pt")["unsubscribe_button"] in text
    assert '<form method="post"' in text
    assert client.head(path).status_code == 200
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_one_click_unsubscribe_by_post_needs_no_csrf_token(subscribe):
    subscriber = subscribe("x@example.com", "en")
    token = subscriptions.token_for(subscriber)
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        f"/residents/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 204
    assert not Subscriber.objects.exists()
    again = mail_program.post(f"/residents/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 404


def test_bad_and_expired_links_get_a_clear_page(client, home_org, place, subscribe):
    invalid = portal.words("ja")["link_invalid"]
    for path in ("/residents/confirm/nonsense/", "/residents/unsubscribe/nonsense/"):
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 404
            assert invalid in response.content.decode()
    subscriber = subscribe("late@example.com", "en", confirmed=False)
    choices = subscriptions.Choices.current(subscriber)
    token = subscriptions.confirmation_token(subscriber, choices)
    eight_days_later = time.time() + 8 * 86400
    with mock.patch("django.core.signing.time.time", return_value=eight_days_later):
        expired = client.post(f"/residents/confirm/{token}/")
    assert expired.status_code == 404
    assert invalid in expired.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    # A manage token is no confirmation link, and the other way round.
    manage_token = subscriptions.token_for(subscriber)
    assert client.post(f"/residents/confirm/{manage_token}/").status_code == 404
    assert client.get(f"/residents/unsubscribe/{token}/").status_code == 404


def test_an_invalid_address_is_a_clear_message(client, smtp, committed, home_org):
    response = sign_up(client, committed, home_org, email="not-an-address")
    assert response.status_code == 422
    assert smtp.count() == 0
    assert not Subscriber.objects.exists()


def test_the_page_is_the_same_for_known_and_unknown_addresses(
    client, smtp, committed, home_org, subscribe
):
    subscribe("known@example.com")
    known = sign_up(client, committed, home_org, email="known@example.com")
    unknown = sign_up(client, committed, home_org, email="unknown@example.com")
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().replace("known@", "X@") == unknown.content.decode().replace(
        "unknown@", "X@"
    )


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
