"""The organisation page: members and adding them; the token page."""

import pytest

from glocal.orgs.models import ApiToken, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(django_user_model):
    return django_user_model.objects.create_user("newcomer", "newcomer@example.jp", "pw-1234-x")


def test_member_cannot_add_members_from_the_page(client, member, home_org, newcomer):
    client.force_login(member)
    response = client.post(f"/staff/orgs/{home_org.pk}/", {"email": "newcomer@example.jp"})
    assert response.status_code == 403
    assert not home_org.memberships.filter(user=newcomer).exists()
    assert not AuditEvent.objects.filter(action="read").exists()


def test_admin_adds_a_member_from_the_page(client, owner, home_org, newcomer):
    client.force_login(owner)
    response = client.post(
        f"/staff/orgs/{home_org.pk}/",
        {"email": "newcomer@example.jp", "role": "editor"},
        follow=True,
    )
    assert "newcomer@example.jp" in response.content.decode()
    assert home_org.memberships.get(user__username="newcomer").role == "editor"


@pytest.mark.parametrize("path", ["", "tokens/"])
def test_unknown_role_is_a_message_not_a_server_error(client, owner, home_org, newcomer, path):
    client.force_login(owner)
    response = client.post(
        f"/staff/orgs/{home_org.pk}/{path}",
        {"email": "newcomer@example.jp", "name": "feed", "role": "overlord"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Choose a role from the list." in response.content.decode()
    assert not home_org.memberships.filter(user=newcomer).exists()
    assert not ApiToken.objects.exists()
