"""A write and its audit event commit together: when the event cannot be written, nothing is."""

import pytest
from django.db import DatabaseError

from glocal.core import keyed
from glocal.orgs import audit
from glocal.orgs.models import AuditEvent, Organisation
from glocal.places.models import Country, ForeignLocalGovernment

pytestmark = pytest.mark.django_db


def break_the_audit_log(monkeypatch):
    """Make every audit insert fail, as a full disk or a broken column would; other inserts
    through the same helper still work."""
    insert = keyed.insert

    def fail_for_audit_events(instance):
        if isinstance(instance, AuditEvent):
            raise DatabaseError("audit insert failed")
        return insert(instance)

    monkeypatch.setattr(keyed, "insert", fail_for_audit_events)


@pytest.fixture
def failing_audit(monkeypatch):
    break_the_audit_log(monkeypatch)


def _seoul(owner) -> ForeignLocalGovernment:
    return ForeignLocalGovernment(
        owner=owner,
        country=Country.objects.get(code="KR"),
        name_local="서울특별시",
        name_en="Seoul",
        name_ja="ソウル特別市",
    )


def test_a_failed_audit_leaves_no_new_record(home_org, failing_audit):
    with pytest.raises(DatabaseError):
        _seoul(home_org).save()
    assert not ForeignLocalGovernment.objects.filter(name_en="Seoul").exists()


def test_a_failed_audit_leaves_the_record_unchanged(home_org, monkeypatch):
    record = _seoul(home_org)
    record.save()
    record = ForeignLocalGovernment.objects.get(pk=record.pk)
    record.population = 9_400_000

    break_the_audit_log(monkeypatch)
    with pytest.raises(DatabaseError):
        record.save()
    assert ForeignLocalGovernment.objects.get(pk=record.pk).population is None


def test_a_failed_audit_leaves_the_record_in_place(home_org, monkeypatch):
    record = _seoul(home_org)
    record.save()

    break_the_audit_log(monkeypatch)
    with pytest.raises(DatabaseError):
        ForeignLocalGovernment.objects.get(pk=record.pk).delete()
    assert ForeignLocalGovernment.objects.filter(pk=record.pk).exists()


def test_a_failed_audit_through_the_api_writes_nothing(client, owner, home_org, failing_audit):
    client.raise_request_exception = False
    client.force_login(owner)
    response = client.patch(
        f"/api/v1/orgs/{home_org.pk}", {"name_en": "Lost"}, content_type="application/json"
    )
    assert response.status_code == 500
    assert Organisation.objects.get(pk=home_org.pk).name_en != "Lost"


def test_a_record_created_with_its_event_in_one_statement_each(home_org):
    """audit.create, the door's way of adding an arrival: the row, its event and the signals
    that save() would send."""
    from django.db.models.signals import post_save

    heard = []

    def listener(sender, instance, created, **kwargs):
        heard.append((instance.name_en, created))

    post_save.connect(listener, sender=ForeignLocalGovernment)
    try:
        record = _seoul(home_org)
        audit.create(record)
    finally:
        post_save.disconnect(listener, sender=ForeignLocalGovernment)

    assert heard == [("Seoul", True)]
    event = AuditEvent.objects.get(model="places.ForeignLocalGovernment", object_id=str(record.pk))
    assert event.action == "create"
    assert event.changes["name_en"] == [None, "Seoul"]
    assert event.organisation_id == home_org.pk


def test_audit_create_with_a_failing_event_leaves_no_record(home_org, failing_audit):
    with pytest.raises(DatabaseError):
        audit.create(_seoul(home_org))
    assert not ForeignLocalGovernment.objects.filter(name_en="Seoul").exists()
