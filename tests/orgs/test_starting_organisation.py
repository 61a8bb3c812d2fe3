"""Where a member of several organisations starts, and what a viewer is offered there."""

import pytest

from glocal.orgs.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_hats(django_user_model, home_org):
    """Editor in 福島県 (home_org) and viewer in an association whose name sorts first."""
    association = Organisation.objects.create(
        slug="assoc", name="公益財団法人 福島県国際交流協会", kind="international_association"
    )
    user = django_user_model.objects.create_user("twohats", password="correct-horse-battery")
    Membership.objects.create(user=user, organisation=home_org, role=Role.EDITOR)
    Membership.objects.create(user=user, organisation=association, role=Role.VIEWER)
    return user


def test_starts_where_the_role_is_highest_not_first_by_name(client, two_hats):
    client.force_login(two_hats)
    page = client.get("/staff/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "福島県の編集者として作業しています。" in page
    notices = client.get("/staff/notices/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "新しいお知らせ" in notices


def test_equal_roles_start_with_the_first_by_name(client, owner, other_org):
    Membership.objects.create(user=owner, organisation=other_org, role=Role.ADMIN)
    client.force_login(owner)
    page = client.get("/staff/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "山形県の管理者として作業しています。" in page  # 山 sorts before 福


def test_viewer_is_not_offered_actions_it_may_not_take(client, member):
    client.force_login(member)
    notices = client.get("/staff/notices/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "新しいお知らせ" not in notices
    partners = client.get("/staff/partners/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "/staff/partners/import/" not in partners
    requests = client.get("/staff/partners/requests/", HTTP_ACCEPT_LANGUAGE="ja")
    assert "依頼を登録" not in requests.content.decode()


def test_forbidden_page_keeps_the_staff_navigation(client, member):
    client.force_login(member)
    response = client.get("/staff/notices/new/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'class="main-nav"' in page
    assert "ダッシュボードに戻る" in page
