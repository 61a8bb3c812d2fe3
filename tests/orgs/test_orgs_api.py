import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from glocal.orgs.models import ApiToken, AuditEvent, Membership, Organisation

pytestmark = pytest.mark.django_db


def test_directory_is_public(client, home_org, other_org):
    body = client.get("/api/v1/orgs").json()
    assert body["count"] == 2
    assert {item["slug"] for item in body["items"]} == {"fukushima", "yamagata"}


def test_only_platform_staff_create_organisations(client, owner, admin_user):
    payload = {
        "slug": "aizu",
        "name": "会津若松市",
        "kind": "municipality",
        "local_government": "072028",
    }
    client.force_login(owner)
    assert client.post("/api/v1/orgs", payload, content_type="application/json").status_code == 403
    client.force_login(admin_user)
    response = client.post("/api/v1/orgs", payload, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["local_government"] == "072028"


def test_municipal_government_needs_a_municipality(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/api/v1/orgs",
        {
            "slug": "bad",
            "name": "Bad",
            "kind": "municipality",
            "local_government": "070009",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "local_government"


def test_unknown_place_code_is_named(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/api/v1/orgs",
        {
            "slug": "bad",
            "name": "Bad",
            "kind": "municipality",
            "local_government": "999999",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "999999" in response.json()["error"]["message"]


def test_admin_renames_own_organisation_but_not_another(client, owner, home_org, other_org):
    client.force_login(owner)
    ok = client.patch(
        f"/api/v1/orgs/{home_org.pk}",
        {"name_en": "Fukushima International"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["name_en"] == "Fukushima International"
    refused = client.patch(
        f"/api/v1/orgs/{other_org.pk}", {"name_en": "Mine"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert Organisation.objects.get(pk=other_org.pk).name_en != "Mine"


def test_unknown_organisation_is_404_json(client, owner):
    client.force_login(owner)
    response = client.get("/api/v1/orgs/999999/members")
    assert response.status_code == 404


def test_members_visible_to_members_only_and_reads_are_audited(
    client, member, owner, outsider, home_org
):
    client.force_login(outsider)
    assert client.get(f"/api/v1/orgs/{home_org.pk}/members").status_code == 403
    client.force_login(member)
    body = client.get(f"/api/v1/orgs/{home_org.pk}/members").json()
    assert {item["username"] for item in body["items"]} == {"member", "owner"}
    reads = AuditEvent.objects.filter(action="read", organisation=home_org)
    assert reads.count() == 2
    assert {event.actor for event in reads} == {"member"}


def test_token_issued_once_then_revoked(client, owner, home_org):
    client.force_login(owner)
    issued = client.post(
        f"/api/v1/orgs/{home_org.pk}/tokens",
        {"name": "feed reader"},
        content_type="application/json",
    ).json()
    assert issued["token"].startswith("glc_")
    listed = client.get(f"/api/v1/orgs/{home_org.pk}/tokens").json()["items"]
    assert "token" not in listed[0]
    client.logout()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issued['token']}"}
    assert client.get("/api/v1/me", **headers).status_code == 200
    client.force_login(owner)
    revoked = client.delete(f"/api/v1/orgs/{home_org.pk}/tokens/{issued['id']}").json()
    assert revoked["revoked_at"] is not None
    client.logout()
    assert client.get("/api/v1/me", **headers).status_code == 401


def test_member_cannot_issue_tokens(client, member, home_org):
    client.force_login(member)
    response = client.post(
        f"/api/v1/orgs/{home_org.pk}/tokens", {"name": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_audit_log_for_admins_only(client, owner, member, outsider, home_org):
    client.force_login(owner)
    client.patch(
        f"/api/v1/orgs/{home_org.pk}",
        {"name_en": "Renamed"},
        content_type="application/json",
        REMOTE_ADDR="192.0.2.7",
    )
    events = client.get(f"/api/v1/orgs/{home_org.pk}/audit").json()["items"]
    rename = next(e for e in events if e["action"] == "update")
    assert rename["actor"] == "owner"
    assert rename["via"] == "api"
    assert rename["ip_address"] == "192.0.2.7"
    assert rename["changes"]["name_en"][1] == "Renamed"
    for persona in (member, outsider):
        client.force_login(persona)
        assert client.get(f"/api/v1/orgs/{home_org.pk}/audit").status_code == 403


def test_added_member_is_told_by_email(owner, home_org, django_user_model, actor_for):
    from glocal.orgs import services

    newcomer = django_user_model.objects.create_user("newcomer", "new@example.jp", "pw-1234-x")
    with pytest.raises(ValidationError, match=r"owner@example\.jp は既にメンバー"):
        services.add_member(actor_for(owner), home_org, "owner@example.jp", "viewer")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.add_member(actor_for(owner), home_org, "NEW@example.jp", "editor")
    assert Membership.objects.get(user=newcomer).role == "editor"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.jp"]
    assert home_org.name in mail.outbox[0].subject
