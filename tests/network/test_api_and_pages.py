"""Only members of the owning organisation see its contacts, on every endpoint and page."""

import pytest

from glocal.network import mailings, services
from glocal.network.models import Contact, Group, Mailing
from glocal.orgs.models import AuditEvent, Role

pytestmark = pytest.mark.django_db


def call(client, method, path, body=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return getattr(client, method)(
        f"/api/v1{path}", body, content_type="application/json", **headers
    )


@pytest.fixture
def world(home_org, admin_of):
    actor = admin_of(home_org)
    person = services.create_contact(actor, home_org.pk, {
        "name": "Secret Person", "country": "CA", "language": "en", "email": "s@example.ca",
        "categories": ["jet"], "facts": {"jet": {"alumnus": "yes"}}, "consent_on": "2024-04-01",
    })  # fmt: skip
    embassy = services.create_contact(
        actor,
        home_org.pk,
        {"name": "Embassy of Testland", "kind": "organisation", "organisation_type": "embassy"},
    )
    group = mailings.create_group(actor, home_org.pk, "JET alumni in Canada", "saved",
                                  {"categories": ["jet"], "countries": ["カナダ"],
                                   "consenting": True, "jet_alumni": True})  # fmt: skip
    mailing = mailings.create_mailing(actor, home_org.pk, group, {"en": ("Hello", "Body")})
    return {"person": person, "embassy": embassy, "group": group, "mailing": mailing}


def _paths(world):
    return [
        "/network/contacts", "/network/organisations", "/network/groups",
        f"/network/groups/{world['group'].pk}/members", "/network/mailings",
        f"/network/contacts/{world['person'].pk}",
        f"/network/contacts/{world['person'].pk}/personal-data",
    ]  # fmt: skip


def test_members_see_their_contacts(client, world, home_org, issue_token):
    token = issue_token(home_org, Role.EDITOR)
    assert call(client, "get", "/network/contacts", token=token).json()["count"] == 1
    assert call(client, "get", "/network/organisations", token=token).json()["count"] == 1
    members = call(client, "get", f"/network/groups/{world['group'].pk}/members", token=token)
    assert [m["name"] for m in members.json()["items"]] == ["Secret Person"]
    detail = call(client, "get", f"/network/contacts/{world['person'].pk}", token=token)
    assert detail.json()["email"] == "s@example.ca"
    assert AuditEvent.objects.filter(action="read", model="network.Contact").count() == 1
    path = f"/network/contacts/{world['person'].pk}/personal-data?format=vcard"
    vcard = call(client, "get", path, token=token)
    assert "EMAIL;TYPE=INTERNET:s@example.ca" in vcard.content.decode()


def test_a_viewer_refused_the_personal_data_leaves_no_read(client, world, home_org, issue_token):
    token = issue_token(home_org, Role.VIEWER)
    path = f"/network/contacts/{world['person'].pk}/personal-data"
    assert call(client, "get", path, token=token).status_code == 403
    assert not AuditEvent.objects.filter(action="read", model="network.Contact").exists()


@pytest.mark.parametrize("marked_public", [False, True])
@pytest.mark.parametrize("persona", ["anonymous", "other_admin_token", "outsider_session"])
def test_no_one_else_sees_a_contact(client, world, other_org, issue_token, outsider, persona,
                                    marked_public):  # fmt: skip
    if marked_public:  # personal data is never public, whatever a record's flag says
        for record in (world["person"], world["group"]):
            type(record).objects.filter(pk=record.pk).update(is_public=True)
    token = None
    if persona == "other_admin_token":
        token = issue_token(other_org, Role.ADMIN)
    elif persona == "outsider_session":
        client.force_login(outsider)
    for path in _paths(world):
        response = call(client, "get", path, token=token)
        if persona == "anonymous":
            assert response.status_code == 401, path
        elif response.status_code == 200:
            assert response.json()["count"] == 0, path
        else:
            assert response.status_code == 404, path
        assert b"Secret" not in response.content
    for path in ("/staff/network/", f"/staff/network/{world['person'].pk}/",
                 "/staff/network/export.csv", "/staff/network/duplicates/",
                 "/staff/network/statistics/", "/staff/network/mailings/"):  # fmt: skip
        page = client.get(path)
        assert page.status_code in (200, 302, 403, 404), path
        assert b"Secret" not in page.content
        assert b"s@example.ca" not in page.content


def test_outsiders_cannot_write(client, world, other_org, issue_token):
    token = issue_token(other_org, Role.ADMIN)
    person = world["person"].pk
    assert (
        call(client, "patch", f"/network/contacts/{person}", {"name": "X"}, token).status_code
        == 404
    )
    assert call(client, "delete", f"/network/contacts/{person}", None, token).status_code == 404
    body = {"organisation": world["group"].owner_id, "name": "x"}
    assert call(client, "post", "/network/groups", body, token).status_code == 403
    sent = call(client, "post", f"/network/mailings/{world['mailing'].pk}/send", None, token)
    assert sent.status_code == 404
    assert Contact.objects.get(pk=person).name == "Secret Person"


def test_a_viewer_reads_but_does_not_erase(client, world, home_org, issue_token):
    token = issue_token(home_org, Role.VIEWER)
    person = world["person"].pk
    assert call(client, "delete", f"/network/contacts/{person}", None, token).status_code == 403


def test_bad_values_are_422_naming_the_field(client, home_org, issue_token):
    token = issue_token(home_org, Role.EDITOR)
    bad = [("email", "nope"), ("country", "Atlantis"), ("language", "xx"),
           ("consent_on", "2999-01-01"), ("consent_on", "平成32年1月1日")]  # fmt: skip
    for field, value in bad:
        body = {"organisation": home_org.pk, "name": "A", field: value}
        response = call(client, "post", "/network/contacts", body, token)
        assert response.status_code == 422, (field, value)
        assert response.json()["error"]["fields"][0]["field"] == field
    assert Contact.objects.count() == 0


def test_a_mailing_to_a_group_without_consent_says_so(
    client, world, home_org, admin_of, issue_token
):
    services.withdraw_consent(admin_of(home_org), world["person"])
    token = issue_token(home_org, Role.EDITOR)
    response = call(client, "post", f"/network/mailings/{world['mailing'].pk}/send", None, token)
    assert response.status_code == 422
    assert "JET alumni in Canada" in response.json()["error"]["message"]
    assert Mailing.objects.get().status == "draft"


def test_sending_addresses_consenting_members_and_the_link_unsubscribes(
    client, world, home_org, issue_token
):
    token = issue_token(home_org, Role.EDITOR)
    response = call(client, "post", f"/network/mailings/{world['mailing'].pk}/send", None, token)
    assert response.json()["report"] == {"by_status": {"queued": 1}, "by_language": {"en": 1},
                                         "total": 1}  # fmt: skip
    recipient = world["mailing"].recipients.get()
    link = mailings.unsubscribe_url(recipient.token)
    path = link.split("://", 1)[1].partition("/")[2]
    assert client.get(f"/{path}").status_code == 200  # a GET changes nothing
    assert Contact.objects.get(pk=world["person"].pk).may_be_mailed
    client.post(f"/{path}")
    assert not Contact.objects.get(pk=world["person"].pk).may_be_mailed
    assert call(client, "get", "/network/mailings", token=token).json()["items"][0]["report"][
        "by_status"] == {"unsubscribed": 1}  # fmt: skip
    assert client.get("/network/unsubscribe/unknown-token/").status_code == 404


def test_language_fallbacks():
    assert mailings.language_for("pt", {"pt", "en", "ja"}) == "pt"
    assert mailings.language_for("vi", {"pt", "en", "ja"}) == "en"
    assert mailings.language_for("vi", {"pt", "ja"}) == "ja"
    assert mailings.language_for("", {"pt"}) == "pt"


def test_erasure_removes_the_person_and_what_the_log_held(world, home_org, admin_of):
    person, pk = world["person"], world["person"].pk
    services.erase_contact(admin_of(home_org), person)
    assert not Contact.objects.filter(pk=pk).exists()
    logged = AuditEvent.objects.filter(model="network.Contact", object_id=str(pk))
    assert logged.exists()
    assert not any("s@example.ca" in str(e.changes) or "Secret" in e.object_repr for e in logged)


def test_sharing_is_explicit_and_makes_a_copy(world, home_org, other_org, admin_of):
    share = services.share_contact(admin_of(home_org), world["person"], other_org, "joint event")
    assert share.copy.owner == other_org
    assert share.copy.email == "s@example.ca"
    assert share.purpose == "joint event"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.share_contact(admin_of(home_org), world["embassy"], home_org, "x")


def test_staff_pages_for_a_member(client, world, owner):
    client.force_login(owner)
    page = client.get("/staff/network/")
    assert "Secret Person" in page.content.decode()
    detail = client.get(f"/staff/network/{world['person'].pk}/")
    assert "s@example.ca" in detail.content.decode()
    assert client.get("/staff/network/statistics/").status_code == 200
    assert Group.objects.count() == 1


def test_derived_indicators(world, home_org, admin_of):
    from glocal.core.registry import INDICATORS
    from glocal.wareki import fiscal_year

    year = fiscal_year(__import__("django.utils.timezone").utils.timezone.localdate())
    association = services.create_contact(admin_of(home_org), home_org.pk, {
        "name": "Toronto Fukushima Kenjinkai", "kind": "organisation",
        "organisation_type": "association"})  # fmt: skip
    services.add_relationship(admin_of(home_org), world["person"], association, "president")
    assert INDICATORS["network.mailings_sent"].compute(home_org.pk, year)[0] == 0
    mailings.send_mailing(admin_of(home_org), world["mailing"])
    assert INDICATORS["network.mailings_sent"].compute(home_org.pk, year)[0] == 1
    assert INDICATORS["network.jet_alumni_reached"].compute(home_org.pk, year)[0] == 1
    assert INDICATORS["network.associations_in_contact"].compute(home_org.pk, year)[0] == 1
    assert INDICATORS["network.mailings_delivered"].compute(home_org.pk, year)[0] == 0  # unsent
