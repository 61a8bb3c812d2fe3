import pytest

from glocal.orgs import actors
from glocal.orgs.models import AuditEvent
from glocal.places.models import Country, ForeignLocalGovernment

pytestmark = pytest.mark.django_db


def test_create_update_delete_are_logged_with_the_actor(home_org, editor):
    with actors.acting_as(actors.Actor(user=editor, via="web", ip_address="198.51.100.4")):
        record = ForeignLocalGovernment.objects.create(
            owner=home_org,
            country=Country.objects.get(code="KR"),
            name_local="서울특별시",
            name_en="Seoul",
            name_ja="ソウル特別市",
        )
        record = ForeignLocalGovernment.objects.get(pk=record.pk)
        record.population = 9_400_000
        record.save()
        record.save()  # nothing changed: no event
        record.delete()
    events = list(AuditEvent.objects.filter(model="places.ForeignLocalGovernment").order_by("id"))
    assert [e.action for e in events] == ["create", "update", "delete"]
    assert {e.actor for e in events} == {"editor"}
    assert {e.ip_address for e in events} == {"198.51.100.4"}
    assert events[1].changes["population"] == [None, 9_400_000]
    assert set(events[1].changes) == {"population"}
    assert all(e.organisation_id == home_org.pk for e in events)


def test_token_secret_never_reaches_the_log(home_org, issue_token):
    issue_token(home_org)
    event = AuditEvent.objects.get(model="orgs.ApiToken")
    assert "digest" not in event.changes


def test_audit_page_for_admins(client, owner, member, home_org):
    client.force_login(owner)
    client.get(f"/staff/orgs/{home_org.pk}/")  # reading members is a sensitive read
    page = client.get(f"/staff/orgs/{home_org.pk}/audit/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "所属 · " in text  # the record type in the reader's language
    assert "orgs.Membership" not in text
    client.force_login(member)
    assert client.get(f"/staff/orgs/{home_org.pk}/audit/").status_code == 403
