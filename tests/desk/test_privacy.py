"""Nobody but the desk of the owning organisation reads a case, over any endpoint."""

from datetime import timedelta

import pytest
from django.utils import timezone

from glocal.desk import services
from glocal.desk.models import DeskMember, SupportGrant
from glocal.orgs.actors import Actor
from glocal.orgs.models import AuditEvent, Role

pytestmark = pytest.mark.django_db

CASE_URLS = (
    "/api/v1/desk/cases/{id}",
    "/api/v1/desk/cases/{id}/resident",
    "/api/v1/desk/cases/{id}/messages",
)


def _statistics(org):
    return f"/api/v1/desk/statistics?organisation={org.pk}&fy=2025&by=language"


def test_desk_member_reads_cases_and_statistics(client, counsellor, make_case, home_org):
    case = make_case()
    client.force_login(counsellor)
    listed = client.get("/api/v1/desk/cases").json()
    assert [item["id"] for item in listed["items"]] == [case.pk]
    assert listed["items"][0]["topics"] == ["medical"]
    for url in CASE_URLS:
        assert client.get(url.format(id=case.pk)).status_code == 200
    assert client.get(_statistics(home_org)).status_code == 200


@pytest.mark.parametrize("persona", ["outsider", "owner", "member", "superuser"])
def test_others_read_nothing(client, request, make_case, home_org, persona):
    """Another organisation's administrator, the organisation's own administrator and viewers
    without a desk role, and platform staff without a grant."""
    case = make_case()
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/api/v1/desk/cases").json() == {"items": [], "count": 0}
    for url in CASE_URLS:
        assert client.get(url.format(id=case.pk)).status_code == 404
    assert client.put(f"/api/v1/desk/cases/{case.pk}/resident", {"name": "x"},
                      content_type="application/json").status_code == 404  # fmt: skip
    assert client.delete(f"/api/v1/desk/cases/{case.pk}/resident").status_code == 404
    assert client.get(_statistics(home_org)).status_code == 403
    for action in ("access", "erase"):
        response = client.post(
            f"/api/v1/desk/residents/{action}",
            {"organisation": home_org.pk, "email": "a@example.vn"},
            content_type="application/json",
        )
        assert response.status_code == 403
    assert case.resident.name == "Nguyen Van A"  # nothing erased


def test_anonymous_is_401(client, make_case, home_org):
    case = make_case()
    assert client.get("/api/v1/desk/cases").status_code == 401
    for url in CASE_URLS:
        assert client.get(url.format(id=case.pk)).status_code == 401
    assert client.get(_statistics(home_org)).status_code == 401


def test_organisation_token_sees_no_case(client, make_case, home_org, issue_token):
    case = make_case()
    headers = {"Authorization": f"Bearer {issue_token(home_org, Role.ADMIN)}"}
    assert client.get("/api/v1/desk/cases", headers=headers).json()["count"] == 0
    assert client.get(f"/api/v1/desk/cases/{case.pk}", headers=headers).status_code == 404
    assert client.get(_statistics(home_org), headers=headers).status_code == 403


def test_other_desk_cannot_create_a_case_for_this_organisation(client, outsider, home_org,
                                                               other_org):  # fmt: skip
    DeskMember.objects.create(user=outsider, organisation=other_org, role="admin")
    client.force_login(outsider)
    response = client.post(
        "/api/v1/desk/cases",
        {"organisation": home_org.pk, "received_at": "2025-05-01T10:00:00+09:00",
         "channel": "phone", "language": "vi", "topics": ["medical"]},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403


def test_support_grant_is_explicit_time_limited_and_audited(client, superuser, counsellor,
                                                            make_case, home_org):  # fmt: skip
    case = make_case()
    grant = services.grant_support(Actor(user=counsellor), home_org, superuser, "bug 12", 2)
    assert AuditEvent.objects.filter(model="desk.SupportGrant", action="create").exists()
    client.force_login(superuser)
    assert client.get(f"/api/v1/desk/cases/{case.pk}").status_code == 200
    SupportGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(1))
    assert client.get(f"/api/v1/desk/cases/{case.pk}").status_code == 404


def test_each_view_of_personal_details_is_audited(client, counsellor, make_case):
    case = make_case()
    client.force_login(counsellor)
    before = AuditEvent.objects.filter(action="read", model="desk.Resident").count()
    body = client.get(f"/api/v1/desk/cases/{case.pk}/resident").json()
    client.get(f"/api/v1/desk/cases/{case.pk}/resident")
    assert body["name"] == "Nguyen Van A"
    reads = AuditEvent.objects.filter(
        action="read", model="desk.Resident", object_id=str(case.resident.pk)
    )
    assert reads.count() == before + 2
    assert reads.first().user == counsellor
    # The log names the record, never the details themselves.
    assert "Nguyen" not in str(list(AuditEvent.objects.values_list("changes", "object_repr")))
    # The case itself (statistics, lists) does not carry them.
    assert "Nguyen" not in client.get(f"/api/v1/desk/cases/{case.pk}").content.decode()


def test_desk_member_creates_a_case_with_details_apart(client, counsellor, home_org):
    client.force_login(counsellor)
    response = client.post(
        "/api/v1/desk/cases",
        {"organisation": home_org.pk, "received_at": "2025-05-01T10:00:00+09:00",
         "channel": "電話", "language": "ベトナム語", "topics": ["医療", "housing"],
         "nationality": "VN", "municipality": "郡山市",
         "resident": {"name": "Tran", "email": "t@example.vn"}},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["language"], body["channel"], body["nationality"]) == ("vi", "phone", "VN")
    assert sorted(body["topics"]) == ["housing", "medical"]
    assert body["municipality"] == "072036"
    assert body["has_resident_details"]
    assert "Tran" not in response.content.decode()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language": "Zzyzxian"}, "language"),
        ({"nationality": "Atlantis"}, "nationality"),
        ({"topics": ["astrology"]}, "topics"),
        ({"municipality": "存在しない市"}, "municipality"),
        ({"status": "closed"}, "closed_on"),
        ({"received_at": "2999-01-01T10:00:00+09:00"}, "received_at"),
        ({"resident": {"email": "not-an-address"}}, "email"),
    ],
)
def test_bad_input_is_named_and_nothing_written(client, counsellor, home_org, change, field):
    from glocal.desk.models import Case

    client.force_login(counsellor)
    payload = {"organisation": home_org.pk, "received_at": "2025-05-01T10:00:00+09:00",
               "channel": "phone", "language": "vi", "topics": ["medical"]} | change  # fmt: skip
    response = client.post("/api/v1/desk/cases", payload, content_type="application/json")
    assert response.status_code in (400, 422)
    assert field in response.content.decode()
    assert Case.objects.count() == 0
