"""Taking a contact off a fixed list: by the API and by the group's staff page. Members of the
owning organisation only: a viewer is refused (403), another organisation's administrator and
an outsider find nothing (404), an anonymous caller must log in; each removal is audited."""

import pytest

from glocal.network import mailings, services
from glocal.network.models import Group
from glocal.orgs.models import AuditEvent, Role
from tests.network.test_api_and_pages import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(home_org, admin_of):
    """A fixed list of two, and a saved search."""
    actor = admin_of(home_org)
    ana, ben = (
        services.create_contact(actor, home_org.pk, {"name": name, "country": "BR"})
        for name in ("Ana Secret", "Ben Secret")
    )
    group = mailings.create_group(actor, home_org.pk, "Officers", contact_ids=[ana.pk, ben.pk])
    saved = mailings.create_group(actor, home_org.pk, "Brazil", Group.Kind.SAVED,
                                  {"countries": ["BR"]})  # fmt: skip
    return {"group": group, "saved": saved, "ana": ana, "ben": ben}


def test_adding_members_is_audited_by_id_and_adding_again_changes_nothing(listed, home_org,
                                                                          admin_of):  # fmt: skip
    group, ana = listed["group"], listed["ana"]
    updates = AuditEvent.objects.filter(model="network.Group", object_id=str(group.pk),
                                        action="update")  # fmt: skip
    both = sorted([ana.pk, listed["ben"].pk])
    assert [e.changes for e in updates] == [{"members_added": [None, both]}]
    assert "Ana" not in str(updates[0].changes)
    assert mailings.add_members(admin_of(home_org), group, [ana.pk]) == 1
    assert updates.count() == 1  # already a member: nothing changed, nothing logged


def _path(group, contact) -> str:
    return f"/network/groups/{group.pk}/members/{contact.pk}"


def _names(group) -> list[str]:
    return [c.name for c in mailings.members(group)]


def test_an_editor_removes_a_member_once_and_it_is_audited(client, listed, home_org,
                                                            issue_token):  # fmt: skip
    token = issue_token(home_org, Role.EDITOR)
    group, ana = listed["group"], listed["ana"]
    assert call(client, "delete", _path(group, ana), token=token).status_code == 204
    assert _names(group) == ["Ben Secret"]
    events = AuditEvent.objects.filter(model="network.Group", object_id=str(group.pk),
                                       action="update").order_by("pk")  # fmt: skip
    added, event = events
    assert added.changes == {"members_added": [None, sorted([ana.pk, listed["ben"].pk])]}
    assert event.changes == {"members_removed": [ana.pk, None]}
    assert event.organisation_id == home_org.pk
    assert ana.name not in str(event.changes)
    # Not a member (any more): 404, and nothing else changes.
    assert call(client, "delete", _path(group, ana), token=token).status_code == 404
    assert _names(group) == ["Ben Secret"]
    # The contact itself is kept.
    assert call(client, "get", f"/network/contacts/{ana.pk}", token=token).status_code == 200


def test_a_saved_search_has_no_list_to_remove_from(client, listed, home_org, issue_token):
    token = issue_token(home_org, Role.EDITOR)
    response = call(client, "delete", _path(listed["saved"], listed["ana"]), token=token)
    assert response.status_code == 422
    assert "Ana Secret" in _names(listed["saved"])


def test_a_viewer_may_not_remove(client, listed, home_org, issue_token):
    token = issue_token(home_org, Role.VIEWER)
    response = call(client, "delete", _path(listed["group"], listed["ana"]), token=token)
    assert response.status_code == 403
    assert _names(listed["group"]) == ["Ana Secret", "Ben Secret"]


@pytest.mark.parametrize("who", ["other_admin", "anonymous"])
def test_no_one_else_finds_the_group(client, listed, other_org, issue_token, who):
    token = issue_token(other_org, Role.ADMIN) if who == "other_admin" else None
    response = call(client, "delete", _path(listed["group"], listed["ana"]), token=token)
    assert response.status_code == (404 if token else 401)
    assert b"Secret" not in response.content
    assert _names(listed["group"]) == ["Ana Secret", "Ben Secret"]


def _page_path(group, contact) -> str:
    return f"/staff/network/groups/{group.pk}/members/{contact.pk}/remove/"


def test_the_owner_removes_from_the_group_page(client, listed, owner):
    client.force_login(owner)
    group, ana = listed["group"], listed["ana"]
    page = client.get(f"/staff/network/groups/{group.pk}/")
    assert _page_path(group, ana) in page.content.decode()
    response = client.post(_page_path(group, ana), follow=True)
    assert response.redirect_chain[-1] == (f"/staff/network/groups/{group.pk}/", 302)
    assert "Officersから外しました。" in response.content.decode()
    assert _names(group) == ["Ben Secret"]
    assert client.get(_page_path(group, listed["ben"])).status_code == 405  # POST only
    saved = client.get(f"/staff/network/groups/{listed['saved'].pk}/").content.decode()
    assert "/remove/" not in saved  # a saved search has no list to remove from


def test_the_remove_button_needs_the_csrf_token(client, listed, owner):
    client.handler.enforce_csrf_checks = True
    client.force_login(owner)
    assert client.post(_page_path(listed["group"], listed["ana"])).status_code == 403
    assert _names(listed["group"]) == ["Ana Secret", "Ben Secret"]


def test_a_viewer_sees_no_button_and_is_refused(client, listed, member):
    client.force_login(member)
    group = listed["group"]
    page = client.get(f"/staff/network/groups/{group.pk}/")
    assert page.status_code == 200
    assert "Ana Secret" in page.content.decode()
    assert "/remove/" not in page.content.decode()
    assert client.post(_page_path(group, listed["ana"])).status_code == 403
    assert _names(group) == ["Ana Secret", "Ben Secret"]


def test_another_organisations_admin_and_anonymous_find_nothing(client, listed, outsider):
    group, ana = listed["group"], listed["ana"]
    anonymous = client.post(_page_path(group, ana))
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]
    client.force_login(outsider)
    assert client.post(_page_path(group, ana)).status_code == 404
    assert _names(group) == ["Ana Secret", "Ben Secret"]


def test_merging_a_listed_contact_puts_the_kept_one_on_the_list_and_logs_it(listed, home_org,
                                                                           admin_of):  # fmt: skip
    actor = admin_of(home_org)
    group, ana = listed["group"], listed["ana"]
    kept = services.create_contact(actor, home_org.pk, {"name": "Ana Secret", "country": "BR"})

    services.merge_contacts(actor, kept, ana)

    assert kept in group.members.all()
    updates = AuditEvent.objects.filter(model="network.Group", object_id=str(group.pk),
                                        action="update").order_by("pk")  # fmt: skip
    assert updates.last().changes == {"members_added": [None, [kept.pk]]}
    assert "Ana" not in str(updates.last().changes)  # by id, as any member added
