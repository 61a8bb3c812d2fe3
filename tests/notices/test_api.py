"""/api/v1/notices: the public library and notices, composing, and staff writing."""

import pytest

from glocal.orgs.models import Role

pytestmark = pytest.mark.django_db


def call(client, method, path, body=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    send = getattr(client, method)
    if body is None:
        return send(f"/api/v1{path}", **headers)
    return send(f"/api/v1{path}", body, content_type="application/json", **headers)


def test_phrase_library_is_public(client):
    data = call(client, "get", "/notices/phrases?limit=200").json()
    assert data["count"] >= 60
    opened = next(item for item in data["items"] if item["key"] == "shelter.opened")
    assert {slot["name"] for slot in opened["slots"]} == {"date", "time", "facility"}
    assert set(opened["translations"]) >= {"ja", "ja-x-easy", "vi", "my"}
    assert opened["translations"]["vi"]["review_status"] == "unreviewed"


def test_compose_is_public_with_public_facilities(client, shelter):
    body = {
        "phrases": ["shelter.opened"],
        "slots": {"date": "R8.11.21", "time": "15:30", "facility": "tsuruga-gym"},
    }
    data = call(client, "post", "/notices/compose", body).json()
    assert data["slots"] == {"date": "2026-11-21", "time": "15:30", "facility": "tsuruga-gym"}
    assert "쓰루가조 체육관" in data["texts"]["ko"]["title"]


def test_compose_names_a_missing_slot(client, shelter):
    response = call(client, "post", "/notices/compose", {"phrases": ["shelter.opened"]})
    assert response.status_code == 422
    fields = {f["field"] for f in response.json()["error"]["fields"]}
    assert fields == {"date", "time", "facility"}


def test_published_notices_are_public_and_drafts_are_not(client, published, draft_two):
    data = call(client, "get", "/notices?status=published").json()
    assert [item["id"] for item in data["items"]] == [published.pk]
    assert data["items"][0]["texts"]["ja"]["title"]
    assert call(client, "get", f"/notices/{draft_two.pk}").status_code == 404


def test_staff_write_and_publish_through_the_api(client, issue_token, home_org, shelter, owner):
    """A token writes and publishes; a signed-in person approves (tokens may not)."""
    author = issue_token(home_org, Role.EDITOR, name="author")
    other_token = issue_token(home_org, Role.EDITOR, name="approver")
    body = {
        "organisation": home_org.pk,
        "category": "shelter",
        "severity": "warning",
        "prefecture": "070009",
        "municipalities": ["072028"],
        "phrases": ["shelter.opened"],
        "slots": {"date": "2026-11-21", "time": "15:30", "facility": "tsuruga-gym"},
    }
    created = call(client, "post", "/notices", body, author)
    assert created.status_code == 201
    notice = created.json()
    assert notice["status"] == "draft"
    assert len(notice["texts"]) == 16
    path = f"/notices/{notice['id']}"
    refused = call(client, "post", f"{path}/approve", {}, author)
    assert refused.status_code == 403
    assert call(client, "post", f"{path}/approve", {}, other_token).status_code == 403
    client.force_login(owner)
    assert call(client, "post", f"{path}/approve", {}).json()["status"] == "approved"
    client.logout()
    assert call(client, "post", f"{path}/publish", {}, author).json()["status"] == "published"
    again = call(client, "post", f"{path}/publish", {}, author)
    assert again.status_code == 200
    public = call(client, "get", "/notices?status=published").json()
    assert [item["id"] for item in public["items"]] == [notice["id"]]


def test_outsider_cannot_publish_for_another_organisation(
    client, issue_token, other_org, draft, owner, actor_for
):
    from glocal.notices import services

    services.approve_notice(actor_for(owner), draft)
    token = issue_token(other_org, Role.ADMIN)
    response = call(client, "post", f"/notices/{draft.pk}/publish", {}, token)
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == "approved"


def test_bad_input_names_the_field(client, issue_token, home_org):
    token = issue_token(home_org, Role.EDITOR)
    body = {
        "organisation": home_org.pk,
        "category": "general",
        "severity": "info",
        "prefecture": "070009",
        "texts": {"ja": {"title": "お知らせ"}, "xx": {"title": "?"}},
    }
    response = call(client, "post", "/notices", body, token)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "texts.xx"
    body["texts"] = {"en": {"title": "English only"}}
    response = call(client, "post", "/notices", body, token)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "texts.ja"
