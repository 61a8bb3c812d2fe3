"""The audit log page names what the log stores in the reader's language."""

import pytest

from glocal.orgs.actors import Actor, acting_as
from glocal.orgs.models import AuditEvent, Membership

pytestmark = pytest.mark.django_db


def _events_text(client, home_org) -> str:
    page = client.get(f"/staff/orgs/{home_org.pk}/audit/", HTTP_ACCEPT_LANGUAGE="ja")
    return page.content.decode()


def test_command_line_changes_read_in_japanese(client, owner, home_org, django_user_model):
    newcomer = django_user_model.objects.create_user("newcomer", password="x")
    with acting_as(Actor(via="cli")):
        Membership.objects.create(user=newcomer, organisation=home_org, role="editor")
    assert AuditEvent.objects.filter(actor="command line", via="cli").exists()
    client.force_login(owner)
    text = _events_text(client, home_org)
    assert "コマンドライン" in text
    assert "command line" not in text
    assert "(cli)" not in text
    assert "所属 · newcomer" in text  # verbose name, not orgs.Membership
    assert "権限: — → 編集者" in text  # field and choice labels, not role: — → editor


def test_client_address_column_is_not_a_date(client, owner, home_org):
    client.force_login(owner)
    text = _events_text(client, home_org)
    assert '<th scope="col">接続元</th>' in text


def test_several_values_in_one_change_read_as_a_list(client, owner, home_org):
    AuditEvent.objects.create(
        organisation=home_org, actor="command line", via="cli", action="update",
        model="orgs.Organisation", object_id=str(home_org.pk), object_repr=home_org.name,
        changes={"members_added": [None, [12, 13]], "totals": [None, {"sent": 2}],
                 "memberships": [None, "3"]},
    )  # fmt: skip
    client.force_login(owner)
    text = _events_text(client, home_org)
    assert "members_added: — → 12, 13" in text
    assert "totals: — → sent: 2" in text
    assert "memberships: — → 3" in text  # a reverse relation's name, as stored
