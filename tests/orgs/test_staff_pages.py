"""The organisation page: members and adding them."""

import pytest

pytestmark = pytest.mark.django_db


def test_member_cannot_add_members_from_the_page(client, member, home_org):
    client.force_login(member)
    response = client.post(f"/staff/orgs/{home_org.pk}/", {"email": "member@example.jp"})
    assert response.status_code == 403


def test_admin_adds_a_member_from_the_page(client, owner, home_org, django_user_model):
    django_user_model.objects.create_user("newcomer", "newcomer@example.jp", "pw-1234-x")
    client.force_login(owner)
    response = client.post(
        f"/staff/orgs/{home_org.pk}/",
        {"email": "newcomer@example.jp", "role": "editor"},
        follow=True,
    )
    assert "newcomer@example.jp" in response.content.decode()
    assert home_org.memberships.get(user__username="newcomer").role == "editor"
