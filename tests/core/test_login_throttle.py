"""Logins are throttled per user name and client address (django-axes), on the staff login and
the admin's; a new password set through the e-mailed link ends the pause."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
ATTACKER = "198.51.100.23"
ELSEWHERE = "203.0.113.80"
LOGINS = {"staff": "/accounts/login/", "admin": "/admin/login/"}


@pytest.fixture
def admin_user(owner):
    owner.is_staff = owner.is_superuser = True
    owner.save()
    return owner


def attempt(client, url, password, address=ATTACKER, username="owner", **headers):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def guess_wrong(client, url, times, address=ATTACKER):
    return [attempt(client, url, f"guess-{n}", address).status_code for n in range(times)]


@pytest.mark.parametrize("where", LOGINS)
def test_five_wrong_passwords_lock_out_even_the_right_one(client, admin_user, where):
    url = LOGINS[where]
    statuses = guess_wrong(client, url, 5)
    assert statuses == [200, 200, 200, 200, 429]

    response = attempt(client, url, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    assert "ログインの失敗が多すぎます" in page
    assert "15 分後にもう一度お試しください" in page
    assert 'href="/accounts/password_reset/"' in page


def test_lockout_explained_in_english(client, owner):
    guess_wrong(client, LOGINS["staff"], 5)
    response = attempt(client, LOGINS["staff"], PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()


def test_the_pause_ends_after_the_cool_off(client, owner):
    guess_wrong(client, LOGINS["staff"], 5)
    assert attempt(client, LOGINS["staff"], PASSWORD).status_code == 429
    # Every attempt during the pause restarted it; 16 minutes after the last one it is over.
    last_failure = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last_failure - timedelta(minutes=16))
    response = attempt(client, LOGINS["staff"], PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_fewer_failures_than_the_limit_do_not_lock_and_success_clears_them(client, owner):
    guess_wrong(client, LOGINS["staff"], 4)
    assert attempt(client, LOGINS["staff"], PASSWORD).status_code == 302
    client.logout()
    # The count started again: four more wrong guesses still do not lock.
    assert guess_wrong(client, LOGINS["staff"], 4) == [200] * 4
    assert attempt(client, LOGINS["staff"], PASSWORD).status_code == 302


def test_the_user_elsewhere_is_not_locked_out_by_an_attacker(client, owner, member):
    """Keyed on user name and address together: an attacker cannot lock the real user out,
    and his failures on one account do not pause his guesses at another (each has its own
    five)."""
    guess_wrong(client, LOGINS["staff"], 10)
    assert attempt(client, LOGINS["staff"], PASSWORD, address=ELSEWHERE).status_code == 302
    assert logged_in(client)
    client.logout()
    response = attempt(client, LOGINS["staff"], PASSWORD, username="member")
    assert response.status_code == 302


def test_the_address_is_glocals_client_address(client, owner, monkeypatch):
    """axes asks glocal.orgs.actors.client_ip (which decides which forwarded headers to trust)
    rather than reading headers itself."""
    monkeypatch.setattr("glocal.orgs.actors.client_ip", lambda request: "192.0.2.99")
    for n in range(5):
        attempt(client, LOGINS["staff"], f"guess-{n}", address=f"10.0.0.{n}")
    assert attempt(client, LOGINS["staff"], PASSWORD, address="10.0.0.200").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "192.0.2.99"


def test_password_reset_by_mail_works_and_ends_the_pause(client, owner):
    login_page = client.get(LOGINS["staff"]).content.decode()
    assert 'href="/accounts/password_reset/"' in login_page
    guess_wrong(client, LOGINS["staff"], 5)

    response = client.post("/accounts/password_reset/", {"email": "owner@example.jp"})
    assert response.status_code == 302
    assert "メールをご確認ください" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    form = client.get(link, follow=True)
    assert "新しいパスワードを選んでください" in form.content.decode()
    new_password = "a-new-long-passphrase-42"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert "パスワードを変更しました" in done.content.decode()

    assert attempt(client, LOGINS["staff"], new_password).status_code == 302
    assert logged_in(client)


def test_admin_login_links_the_password_reset(client):
    page = client.get("/admin/login/").content.decode()
    assert 'href="/admin/password_reset/"' in page


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, owner):
    """Only the configured proxies' X-Forwarded-For counts: an attacker writing a new address
    into the header for every guess is still one client address."""
    for n in range(5):
        attempt(client, LOGINS["staff"], f"guess-{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    forged = attempt(client, LOGINS["staff"], PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert forged.status_code == 429
    assert not logged_in(client)
