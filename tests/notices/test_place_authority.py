"""An organisation writes, approves and publishes notices only for the places it acts for."""

import pytest

from glocal.notices.models import Notice
from glocal.orgs import services as orgs
from glocal.orgs.actors import Actor
from glocal.orgs.models import Membership, Organisation, Role
from glocal.places.models import LocalGovernment

pytestmark = pytest.mark.django_db

TOKYO, YAMAGATA, YAMAGATA_CITY = "130001", "060003", "062014"
FUKUSHIMA, AIZUWAKAMATSU, FUKUSHIMA_CITY = "070009", "072028", "072010"


def notice(organisation, prefecture, municipalities=()) -> dict:
    return {
        "organisation": organisation.pk,
        "category": "general",
        "severity": "emergency",
        "prefecture": prefecture,
        "municipalities": list(municipalities),
        "texts": {"ja": {"title": "緊急のお知らせ", "body": "避難してください。"}},
    }


def post(client, path, body=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if body is None:
        return client.post(f"/api/v1{path}", **headers)
    return client.post(f"/api/v1{path}", body, content_type="application/json", **headers)


def refused_area(response) -> str:
    """The message on the field `area` of a 422."""
    assert response.status_code == 422, response.content
    fields = {f["field"]: f["message"] for f in response.json()["error"]["fields"]}
    return fields["area"]


@pytest.fixture
def platform_staff(admin_user):
    return Actor(user=admin_user, via="test")


@pytest.fixture
def aizu(db):
    """The city of Aizuwakamatsu (a municipality in Fukushima) with an editor and a checker."""
    organisation = Organisation.objects.create(
        slug="aizuwakamatsu",
        name="会津若松市",
        kind=Organisation.Kind.MUNICIPALITY,
        local_government=LocalGovernment.objects.get(code=AIZUWAKAMATSU),
    )
    return organisation


@pytest.fixture
def aizu_editor(django_user_model, aizu):
    user = django_user_model.objects.create_user(username="aizu", email="aizu@example.jp")
    Membership.objects.create(user=user, organisation=aizu, role=Role.EDITOR)
    return user


@pytest.mark.parametrize(
    ("prefecture", "municipalities", "named"),
    [
        (TOKYO, [], "東京都"),
        (YAMAGATA, [], "山形県"),
        (YAMAGATA, [YAMAGATA_CITY], "山形市"),
    ],
)
def test_editor_cannot_notify_a_foreign_place_through_the_api(
    client, editor, home_org, prefecture, municipalities, named
):
    client.force_login(editor)
    response = post(client, "/notices", notice(home_org, prefecture, municipalities))
    message = refused_area(response)
    assert named in message
    assert home_org.name in message
    assert not Notice.objects.exists()


def test_editor_token_cannot_notify_a_foreign_place(client, home_org, issue_token):
    token = issue_token(home_org, Role.EDITOR)
    response = post(client, "/notices", notice(home_org, TOKYO), token=token)
    assert "東京都" in refused_area(response)
    assert not Notice.objects.exists()


def test_editor_notifies_their_own_prefecture_and_its_municipalities(client, editor, home_org):
    client.force_login(editor)
    whole = post(client, "/notices", notice(home_org, FUKUSHIMA))
    narrowed = post(client, "/notices", notice(home_org, FUKUSHIMA, [AIZUWAKAMATSU]))
    assert (whole.status_code, narrowed.status_code) == (201, 201)
    assert Notice.objects.count() == 2


def test_another_organisations_administrator_is_refused(client, outsider, home_org, other_org):
    client.force_login(outsider)
    # Writing as the home organisation: not their organisation at all.
    assert post(client, "/notices", notice(home_org, FUKUSHIMA)).status_code == 403
    # Writing as their own (Yamagata) for Fukushima: not their place.
    assert "福島県" in refused_area(post(client, "/notices", notice(other_org, FUKUSHIMA)))
    assert not Notice.objects.exists()


def test_viewer_and_anonymous_are_refused(client, member, home_org):
    assert post(client, "/notices", notice(home_org, FUKUSHIMA)).status_code == 401
    client.force_login(member)
    assert post(client, "/notices", notice(home_org, FUKUSHIMA)).status_code == 403
    assert not Notice.objects.exists()


def test_platform_staff_write_for_any_place(client, admin_user, home_org):
    client.force_login(admin_user)
    response = post(client, "/notices", notice(home_org, TOKYO))
    assert response.status_code == 201
    assert response.json()["prefecture"]["code"] == TOKYO


def test_revising_a_notice_to_a_foreign_place_is_refused(client, editor, home_org, draft):
    client.force_login(editor)
    response = client.patch(
        f"/api/v1/notices/{draft.pk}",
        {"prefecture": YAMAGATA, "municipalities": [YAMAGATA_CITY]},
        content_type="application/json",
    )
    assert "山形市" in refused_area(response)
    draft.refresh_from_db()
    assert draft.prefecture.code == FUKUSHIMA
    assert [m.code for m in draft.municipalities.all()] == [AIZUWAKAMATSU]


def test_a_revoked_grant_stops_approval_and_publication(
    client, editor, owner, home_org, admin_user, platform_staff
):
    """A notice written under a grant cannot be approved or published once it is revoked."""
    tokyo = LocalGovernment.objects.get(code=TOKYO)
    grant = orgs.grant_place(platform_staff, home_org, tokyo, "Evacuees from Tokyo")
    client.force_login(editor)
    created = post(client, "/notices", notice(home_org, TOKYO))
    assert created.status_code == 201
    notice_id = created.json()["id"]
    orgs.revoke_place_grant(platform_staff, grant)

    client.force_login(owner)
    assert "東京都" in refused_area(post(client, f"/notices/{notice_id}/approve"))
    assert Notice.objects.get(pk=notice_id).status == Notice.Status.DRAFT
    # Even with two-person approval off, publishing checks the area again.
    Notice.objects.filter(pk=notice_id).update(status=Notice.Status.APPROVED)
    client.force_login(editor)
    assert "東京都" in refused_area(post(client, f"/notices/{notice_id}/publish"))
    published = Notice.objects.get(pk=notice_id)
    assert published.published_version_id is None
    assert not published.is_public


def test_a_municipality_notifies_itself_not_its_neighbours(client, aizu, aizu_editor):
    client.force_login(aizu_editor)
    own = post(client, "/notices", notice(aizu, FUKUSHIMA, [AIZUWAKAMATSU]))
    assert own.status_code == 201
    neighbour = post(client, "/notices", notice(aizu, FUKUSHIMA, [FUKUSHIMA_CITY]))
    assert "福島市" in refused_area(neighbour)
    whole_prefecture = post(client, "/notices", notice(aizu, FUKUSHIMA))
    assert "福島県" in refused_area(whole_prefecture)


def test_a_granted_prefecture_lets_a_municipality_notify_all_of_it(
    client, aizu, aizu_editor, platform_staff
):
    fukushima = LocalGovernment.objects.get(code=FUKUSHIMA)
    orgs.grant_place(platform_staff, aizu, fukushima, "Prefecture-wide shelter information")
    client.force_login(aizu_editor)
    assert post(client, "/notices", notice(aizu, FUKUSHIMA)).status_code == 201
    assert post(client, "/notices", notice(aizu, FUKUSHIMA, [FUKUSHIMA_CITY])).status_code == 201


def test_the_staff_form_refuses_a_neighbouring_municipality(client, aizu, aizu_editor):
    """The staff form offers every municipality of the prefecture; the service decides."""
    client.force_login(aizu_editor)
    response = client.post(
        "/staff/notices/new/",
        {
            "category": "general",
            "severity": "info",
            "valid_from": "2026-11-21T09:00",
            "mode": "free",
            "municipalities": [FUKUSHIMA_CITY],
            "title_ja": "お知らせ",
            "action": "save",
        },
    )
    assert response.status_code == 422
    assert "会津若松市は福島市を担当していません。" in response.content.decode()
    assert not Notice.objects.exists()
