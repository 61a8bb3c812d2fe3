"""A write and its audit event commit together: when the event cannot be written, nothing is."""

import pytest
from django.db import DatabaseError

from glocal.orgs import audit
from glocal.orgs.models import Organisation
from glocal.places.models import Country, ForeignLocalGovernment

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_audit(monkeypatch):
    """Make every audit insert fail, as a full disk or a broken column would."""

    def fail(*args, **kwargs):
        raise DatabaseError("audit insert failed")

    monkeypatch.setattr(audit.AuditEvent.objects, "create", fail)


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

    def fail(*args, **kwargs):
        raise DatabaseError("audit insert failed")

    monkeypatch.setattr(audit.AuditEvent.objects, "create", fail)
    with pytest.raises(DatabaseError):
        record.save()
    assert ForeignLocalGovernment.objects.get(pk=record.pk).population is None


def test_a_failed_audit_leaves_the_record_in_place(home_org, monkeypatch):
    record = _seoul(home_org)
    record.save()

    def fail(*args, **kwargs):
        raise DatabaseError("audit insert failed")

    monkeypatch.setattr(audit.AuditEvent.objects, "create", fail)
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
