"""Private records stay with their organisation: owner, member and outsider personas."""

import pytest

from glocal.orgs.models import ApiToken, Role
from glocal.places.models import Country, ForeignLocalGovernment

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_record(home_org):
    return ForeignLocalGovernment.objects.create(
        owner=home_org,
        country=Country.objects.get(code="US"),
        kind="county",
        name_local="Polk County",
        name_en="Polk County",
        name_ja="ポーク郡",
        is_public=False,
    )


@pytest.fixture
def public_record(home_org):
    return ForeignLocalGovernment.objects.create(
        owner=home_org,
        country=Country.objects.get(code="US"),
        kind="state",
        name_local="Delaware",
        name_en="State of Delaware",
        is_public=True,
    )


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def create_foreign(client, org, name: str, country: str = "US", **headers):
    payload = {"owner_id": org.pk, "country": country, "name_local": name, "name_en": name}
    return client.post(
        "/api/v1/places/foreign-governments", payload, content_type="application/json", **headers
    )


def names(response) -> set[str]:
    return {item["name_en"] for item in response.json()["items"]}


def test_outsider_token_cannot_read_private_record(
    client, other_org, issue_token, private_record, public_record
):
    token = issue_token(other_org, Role.ADMIN)
    listed = client.get("/api/v1/places/foreign-governments", **bearer(token))
    assert names(listed) == {"State of Delaware"}
    single = client.get(f"/api/v1/places/foreign-governments/{private_record.pk}", **bearer(token))
    assert single.status_code == 404
    assert single.json()["error"]["code"] == "not_found"


def test_owner_token_reads_private_record(
    client, home_org, issue_token, private_record, public_record
):
    listed = client.get("/api/v1/places/foreign-governments", **bearer(issue_token(home_org)))
    assert names(listed) == {"Polk County", "State of Delaware"}


def test_anonymous_sees_only_public_records(client, private_record, public_record):
    assert names(client.get("/api/v1/places/foreign-governments")) == {"State of Delaware"}


def test_member_session_reads_but_cannot_change(client, member, private_record):
    client.force_login(member)
    assert client.get(f"/api/v1/places/foreign-governments/{private_record.pk}").status_code == 200
    response = client.patch(
        f"/api/v1/places/foreign-governments/{private_record.pk}",
        {"name_ja": "ポーク"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_editor_changes_own_record(client, editor, private_record):
    client.force_login(editor)
    response = client.patch(
        f"/api/v1/places/foreign-governments/{private_record.pk}",
        {"subdivision": "US-IA"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["subdivision"] == "US-IA"


def test_subdivision_of_another_country_is_refused_by_name(client, editor, private_record):
    client.force_login(editor)
    response = client.patch(
        f"/api/v1/places/foreign-governments/{private_record.pk}",
        {"subdivision": "CN-GD"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "subdivision"


def test_outsider_cannot_create_for_another_organisation(client, outsider, home_org):
    client.force_login(outsider)
    response = create_foreign(client, home_org, "Ames", "US")
    assert response.status_code == 403
    assert not ForeignLocalGovernment.objects.filter(name_en="Ames").exists()


def test_outsider_cannot_delete_public_record(client, outsider, public_record):
    client.force_login(outsider)
    response = client.delete(f"/api/v1/places/foreign-governments/{public_record.pk}")
    assert response.status_code == 403
    assert ForeignLocalGovernment.objects.filter(pk=public_record.pk).exists()


def test_editor_token_creates_with_unknown_country_named(client, home_org, issue_token):
    response = create_foreign(
        client, home_org, "Nowhere", "XX", **bearer(issue_token(home_org, Role.EDITOR))
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "country"


def test_viewer_token_cannot_write(client, home_org, issue_token):
    response = create_foreign(
        client, home_org, "Ames", "US", **bearer(issue_token(home_org, Role.VIEWER))
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "header", ["Bearer glc_nothing", "Bearer glc_abcd1234_wrong", "Token abc", "Bearer "]
)
def test_malformed_or_unknown_tokens_are_401(client, header):
    response = client.get("/api/v1/places/foreign-governments", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_revoked_token_is_refused(client, home_org, issue_token):
    plain = issue_token(home_org)
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert client.get("/api/v1/me", **bearer(plain)).status_code == 401


def test_token_is_stored_hashed_and_last_use_recorded(client, home_org, issue_token):
    plain = issue_token(home_org)
    token = ApiToken.objects.get()
    assert plain not in (token.digest, token.key_id)
    assert len(token.digest) == 64
    assert token.last_used_at is None
    me = client.get("/api/v1/me", **bearer(plain)).json()
    assert me == {"username": None, "token": "test", "organisations": {"fukushima": "viewer"}}
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_session_write_without_csrf_token_is_refused(home_org, editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = create_foreign(client, home_org, "Ames", "US")
    assert response.status_code == 403
