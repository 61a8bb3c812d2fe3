"""/api/v1/partners: affiliations and partner-seeking profiles through the API."""

import pytest

from glocal.orgs.models import Role
from glocal.partners.models import Affiliation
from glocal.places.models import Country, ForeignLocalGovernment

pytestmark = pytest.mark.django_db


def call(client, method, path, body=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return getattr(client, method)(
        f"/api/v1{path}", body, content_type="application/json", **headers
    )


@pytest.fixture
def partner(home_org):
    return ForeignLocalGovernment.objects.create(
        owner=home_org, country=Country.objects.get(code="US"), name_local="Testville",
        name_en="Testville", is_public=True,
    )  # fmt: skip


def test_create_change_end_and_delete(client, issue_token, home_org, partner):
    token = issue_token(home_org, Role.EDITOR)
    body = {"organisation": home_org.pk, "local_government": "072028", "partner": partner.pk,
            "kind": "sister", "signed_on": "S63.10.12", "fields": ["education"]}  # fmt: skip
    created = call(client, "post", "/partners/affiliations", body, token)
    assert created.status_code == 201
    assert created.json()["signed_on"] == "1988-10-12"
    again = call(client, "post", "/partners/affiliations", body, token)
    assert again.status_code == 422
    number = created.json()["id"]
    refused = call(client, "patch", f"/partners/affiliations/{number}", {"status": "ended"}, token)
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["field"] == "ended_on"
    ended = call(
        client, "patch", f"/partners/affiliations/{number}",
        {"status": "ended", "ended_on": "令和5年3月31日"}, token,
    )  # fmt: skip
    assert ended.json()["status"] == "ended"
    assert Affiliation.objects.get().ended_on.isoformat() == "2023-03-31"
    assert (
        call(client, "delete", f"/partners/affiliations/{number}", None, token).status_code == 204
    )


def test_outsiders_cannot_change_affiliations(client, issue_token, home_org, other_org, partner):
    token = issue_token(home_org, Role.EDITOR)
    body = {"organisation": home_org.pk, "local_government": "072028", "partner": partner.pk,
            "kind": "sister"}  # fmt: skip
    number = call(client, "post", "/partners/affiliations", body, token).json()["id"]
    outsider = issue_token(other_org, Role.ADMIN)
    response = call(client, "patch", f"/partners/affiliations/{number}", {"notes": "x"}, outsider)
    assert response.status_code == 403
    assert call(client, "get", "/partners/affiliations").json()["count"] == 1  # public


def test_partner_seeking_profile_of_ones_own_place(client, issue_token, home_org):
    token = issue_token(home_org, Role.EDITOR)
    body = {"organisation": home_org.pk, "countries": ["US", "カナダ"], "fields": ["youth"]}
    own = call(client, "put", "/partners/profiles/070009", body, token)
    assert own.json()["countries"] == ["CA", "US"]  # a set of codes, sorted
    other = call(client, "put", "/partners/profiles/062014", body, token)  # 山形市
    assert other.status_code == 403
    listed = call(client, "get", "/partners/profiles").json()
    assert [p["local_government"] for p in listed["items"]] == ["070009"]
