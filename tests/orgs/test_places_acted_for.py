"""Which places an organisation acts for, who may change that, and place grants."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from glocal.orgs import actors, scoping, services
from glocal.orgs.actors import Actor
from glocal.orgs.models import AuditEvent, Organisation, PlaceGrant
from glocal.places.models import LocalGovernment

pytestmark = pytest.mark.django_db


def lg(code: str) -> LocalGovernment:
    return LocalGovernment.objects.get(code=code)


@pytest.fixture
def staff(admin_user):
    return Actor(user=admin_user, via="test")


def _organisation(slug: str, code: str) -> Organisation:
    place = lg(code)
    kind = Organisation.Kind.PREFECTURE if place.is_prefecture else Organisation.Kind.MUNICIPALITY
    return Organisation.objects.create(
        slug=slug, name=place.name, kind=kind, local_government=place
    )


@pytest.mark.parametrize(
    ("own", "place", "acts"),
    [
        ("070009", "070009", True),  # itself
        ("070009", "072028", True),  # a prefecture: its municipalities
        ("040002", "041017", True),  # ... and their wards
        ("070009", "060003", False),  # not another prefecture
        ("070009", "062014", False),  # nor its municipalities
        ("041009", "041017", True),  # a city: its wards
        ("072028", "072010", False),  # a municipality: not its neighbour
        ("072028", "070009", False),  # nor its prefecture
    ],
)
def test_an_organisation_acts_for_its_own_places(own, place, acts):
    assert scoping.represents(_organisation("org", own), lg(place)) is acts


def test_an_organisation_without_a_place_acts_for_none(staff):
    mofa = Organisation.objects.create(
        slug="mofa", name="外務省", kind=Organisation.Kind.MOFA_DIVISION
    )
    assert not scoping.represents(mofa, lg("130001"))
    services.grant_place(staff, mofa, lg("130001"), "Consular briefings")
    assert scoping.represents(mofa, lg("130001"))
    assert scoping.represents(mofa, lg("131016"))  # a grant covers as an own place does


def test_platform_staff_grant_and_revoke_places_on_record(staff, home_org, admin_user):
    yamagata, yamagata_city = lg("060003"), lg("062014")
    with actors.acting_as(staff):  # as the middleware does for a request
        grant = services.grant_place(staff, home_org, yamagata, "  Joint evacuation drill  ")
    assert (grant.reason, grant.granted_by) == ("Joint evacuation drill", admin_user)
    assert scoping.represents(home_org, yamagata_city)
    created = AuditEvent.objects.get(model="orgs.PlaceGrant", action="create")
    assert created.organisation_id == home_org.pk  # in the grantee's own log
    assert created.actor == admin_user.username

    services.revoke_place_grant(staff, grant)
    assert not scoping.represents(home_org, yamagata_city)
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert grant.revoked_by == admin_user
    revoked = AuditEvent.objects.get(model="orgs.PlaceGrant", action="update")
    assert "revoked_at" in revoked.changes
    # Granted again after a revocation: a new grant, the old one stays on record.
    services.grant_place(staff, home_org, yamagata, "Renewed")
    assert PlaceGrant.objects.filter(organisation=home_org).count() == 2


@pytest.mark.parametrize("who", ["owner", "editor", "outsider"])
def test_only_platform_staff_grant_or_revoke(request, who, staff, home_org):
    actor = Actor(user=request.getfixturevalue(who), via="test")
    with pytest.raises(PermissionDenied):
        services.grant_place(actor, home_org, lg("130001"), "Because I say so")
    grant = services.grant_place(staff, home_org, lg("130001"), "Evacuees")
    with pytest.raises(PermissionDenied):
        services.revoke_place_grant(actor, grant)
    grant.refresh_from_db()
    assert grant.is_active


def test_a_grant_says_why_and_adds_something(staff, home_org):
    with pytest.raises(ValidationError) as empty:
        services.grant_place(staff, home_org, lg("130001"), "   ")
    assert set(empty.value.message_dict) == {"reason"}
    with pytest.raises(ValidationError) as own:
        services.grant_place(staff, home_org, lg("072028"), "Already ours")
    assert set(own.value.message_dict) == {"local_government"}
    assert not PlaceGrant.objects.exists()


def _patch(client, organisation, body):
    return client.patch(f"/api/v1/orgs/{organisation.pk}", body, content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [{"local_government": "130001"}, {"local_government": None}, {"country": "KR"}],
)
def test_an_administrator_cannot_repoint_their_organisation(client, owner, home_org, body):
    client.force_login(owner)
    response = _patch(client, home_org, {"name_en": "Moved", **body})
    assert response.status_code == 403
    assert "システム管理者" in response.json()["error"]["message"]
    home_org.refresh_from_db()
    assert (home_org.local_government.code, home_org.country_id) == ("070009", None)
    assert home_org.name_en != "Moved"


def test_an_administrator_still_renames_and_may_repeat_the_place(client, owner, home_org):
    client.force_login(owner)
    response = _patch(
        client, home_org, {"name_en": "Fukushima Pref.", "local_government": "070009"}
    )
    assert response.status_code == 200
    assert response.json()["name_en"] == "Fukushima Pref."


def test_another_administrator_viewer_and_anonymous_cannot_repoint(
    client, outsider, member, home_org
):
    assert _patch(client, home_org, {"local_government": "130001"}).status_code == 401
    for user in (outsider, member):
        client.force_login(user)
        assert _patch(client, home_org, {"local_government": "130001"}).status_code == 403
    home_org.refresh_from_db()
    assert home_org.local_government.code == "070009"


def test_platform_staff_repoint_an_organisation(client, admin_user, home_org):
    client.force_login(admin_user)
    response = _patch(client, home_org, {"local_government": "060003"})
    assert response.status_code == 200
    assert response.json()["local_government"] == "060003"
    event = AuditEvent.objects.filter(model="orgs.Organisation", action="update").latest("id")
    assert "local_government" in event.changes


def test_platform_staff_grant_and_revoke_in_the_django_admin(client, admin_user, home_org):
    client.force_login(admin_user)
    response = client.post(
        "/admin/orgs/placegrant/add/",
        {
            "organisation": home_org.pk,
            "local_government": lg("130001").pk,
            "reason": "Evacuees from Tokyo",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    grant = PlaceGrant.objects.get()
    assert grant.granted_by == admin_user
    assert AuditEvent.objects.filter(model="orgs.PlaceGrant", action="create").exists()

    refused = client.post(
        "/admin/orgs/placegrant/add/",
        {"organisation": home_org.pk, "local_government": lg("072028").pk, "reason": "Ours"},
    )
    assert refused.status_code == 200  # the form again, with the error
    assert PlaceGrant.objects.count() == 1

    client.post(
        "/admin/orgs/placegrant/",
        {"action": "revoke", "_selected_action": [grant.pk]},
    )
    grant.refresh_from_db()
    assert grant.revoked_by == admin_user
    assert not scoping.represents(home_org, lg("130001"))


def test_other_staff_cannot_reach_place_grants(client, django_user_model, home_org):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(content_type__app_label="orgs"))
    client.force_login(clerk)
    assert client.get("/admin/orgs/placegrant/add/").status_code == 403
    page = client.get(f"/admin/orgs/organisation/{home_org.pk}/change/").content.decode()
    assert 'name="local_government"' not in page  # shown, not editable
    assert 'name="name"' in page
