"""The audit log's address: forwarded headers only from trusted proxies, never garbage."""

import pytest
from django.test import override_settings

from glocal import env
from glocal.orgs.addresses import client_address
from glocal.orgs.models import AuditEvent

PROXIES = ["10.0.0.0/8", "2001:db8:ffff::/48"]


def address(remote: str | None, forwarded: str | None = None) -> str | None:
    meta = {"REMOTE_ADDR": remote} if remote is not None else {}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(FORWARDED_ALLOW_IPS=PROXIES):
        return client_address(meta)


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # A client talking to us directly cannot name another address.
        ("203.0.113.9", "198.51.100.66", "203.0.113.9"),
        ("203.0.113.9", "10.0.0.5", "203.0.113.9"),
        # Through our proxy: the address it appended, not what the client wrote before it.
        ("10.0.0.5", "203.0.113.7", "203.0.113.7"),
        ("10.0.0.5", "198.51.100.66, 203.0.113.7", "203.0.113.7"),
        # Two proxies of ours in a row are walked past.
        ("10.0.0.5", "198.51.100.66, 203.0.113.7, 10.1.2.3", "203.0.113.7"),
        ("2001:db8:ffff::1", "2001:db8:1::42", "2001:db8:1::42"),
        # Garbage the proxy passed on is ignored for the peer's own address.
        ("10.0.0.5", "'; DROP TABLE x; --", "10.0.0.5"),
        ("10.0.0.5", "203.0.113.7, not-an-address", "10.0.0.5"),
        ("10.0.0.5", "", "10.0.0.5"),
        ("10.0.0.5", "203.0.113.7:4431", "10.0.0.5"),
        # Only proxies in the list: the client sits inside our network.
        ("10.0.0.5", "10.9.9.9", "10.9.9.9"),
        # No usable peer address at all.
        ("", None, None),
        ("unix-socket", "203.0.113.7", None),
        (None, None, None),
        ("::ffff:203.0.113.9", None, "203.0.113.9"),
    ],
)
def test_forwarded_address_rule(remote, forwarded, expected):
    assert address(remote, forwarded) == expected


def test_any_peer_may_be_trusted_with_a_star():
    meta = {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "198.51.100.66, 203.0.113.7"}
    with override_settings(FORWARDED_ALLOW_IPS=["*"]):
        assert client_address(meta) == "203.0.113.7"


def test_setting_refuses_what_is_not_a_network(monkeypatch):
    monkeypatch.setenv("GLOCAL_FORWARDED_ALLOW_IPS", "10.0.0.0/8, proxy.local")
    with pytest.raises(env.ConfigurationError, match=r"proxy\.local"):
        env.ip_networks("GLOCAL_FORWARDED_ALLOW_IPS", ["127.0.0.1"])
    monkeypatch.setenv("GLOCAL_FORWARDED_ALLOW_IPS", "10.0.0.0/8, ::1, *")
    assert env.ip_networks("GLOCAL_FORWARDED_ALLOW_IPS", []) == ["10.0.0.0/8", "::1", "*"]


def _rename(client, organisation, name: str, **meta):
    return client.patch(
        f"/api/v1/orgs/{organisation.pk}",
        {"name_en": name},
        content_type="application/json",
        **meta,
    )


def _logged_address(organisation) -> str | None:
    event = AuditEvent.objects.filter(model="orgs.Organisation", action="update").latest("id")
    return event.ip_address


@pytest.mark.django_db
@override_settings(FORWARDED_ALLOW_IPS=PROXIES)
def test_forged_forwarded_for_from_an_untrusted_peer_is_not_logged(client, owner, home_org):
    client.force_login(owner)
    response = _rename(
        client,
        home_org,
        "Fukushima International",
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.66",
    )
    assert response.status_code == 200
    assert _logged_address(home_org) == "203.0.113.9"


@pytest.mark.django_db
@override_settings(FORWARDED_ALLOW_IPS=PROXIES)
def test_forwarded_for_from_a_trusted_proxy_is_logged(client, owner, home_org):
    client.force_login(owner)
    response = _rename(
        client,
        home_org,
        "Fukushima International",
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.7",
    )
    assert response.status_code == 200
    assert _logged_address(home_org) == "203.0.113.7"


@pytest.mark.django_db
@override_settings(FORWARDED_ALLOW_IPS=PROXIES)
@pytest.mark.parametrize("remote", ["10.0.0.5", "203.0.113.9"])
def test_garbage_forwarded_for_never_fails_the_write(client, owner, home_org, remote):
    """On PostgreSQL the address column is `inet`: a non-address there used to fail every
    audited write with a 500 after the change itself was saved."""
    client.force_login(owner)
    response = _rename(
        client, home_org, "Garbage", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="<script>, x"
    )
    assert response.status_code == 200
    assert _logged_address(home_org) == remote
    home_org.refresh_from_db()
    assert home_org.name_en == "Garbage"


@pytest.mark.django_db
@override_settings(FORWARDED_ALLOW_IPS=PROXIES)
def test_staff_pages_log_the_same_address(client, owner, home_org, django_user_model):
    django_user_model.objects.create_user(username="new", email="new@example.jp")
    client.force_login(owner)
    response = client.post(
        f"/staff/orgs/{home_org.pk}/",
        {"email": "new@example.jp", "role": "viewer"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.66",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(model="orgs.Membership", action="create").latest("id")
    assert event.ip_address == "203.0.113.9"
