from datetime import date, datetime

import pytest
from django.utils import timezone

from glocal.desk import services, statistics
from glocal.desk.models import Case, Message, Resident
from glocal.orgs.actors import Actor
from glocal.orgs.models import AuditEvent

pytestmark = pytest.mark.django_db


def _at(*args):
    return timezone.make_aware(datetime(*args))


def test_purge_erases_details_three_years_after_closing(make_case, counsellor):
    old = make_case(when=datetime(2021, 5, 1), status="closed", closed_on=date(2021, 6, 30))
    recent = make_case(when=datetime(2021, 5, 1), status="closed", closed_on=date(2021, 7, 2))
    still_open = make_case(when=datetime(2020, 5, 1))
    services.reply(Actor(user=counsellor), old, body="Please bring your card.")
    assert services.purge(now=_at(2024, 7, 1, 12)) == 1
    old.refresh_from_db()
    assert not Resident.objects.filter(case=old).exists()
    assert not Message.objects.filter(case=old).exists()
    assert (old.summary, old.anonymised_at is not None) == ("", True)
    assert Resident.objects.filter(case__in=[recent, still_open]).count() == 2
    # The anonymised case still counts.
    assert statistics.total(old.owner_id, 2021) == 2
    assert AuditEvent.objects.filter(model="desk.Resident", action="delete").count() == 1
    # A second run finds nothing new; a later day takes the next case.
    assert services.purge(now=_at(2024, 7, 1, 13)) == 0
    assert services.purge(now=_at(2024, 7, 3, 0)) == 1


def test_retention_is_configurable(make_case, settings):
    make_case(when=datetime(2023, 5, 1), status="closed", closed_on=date(2023, 6, 1))
    settings.DESK_RETENTION_YEARS = 1
    assert services.purge(now=_at(2024, 6, 2, 12)) == 1


def test_subject_access_and_erasure_in_one_action(make_case, counsellor, home_org):
    first, second = make_case(), make_case(topics=("tax",))
    other = make_case(resident=False)
    actor = Actor(user=counsellor)
    found = services.subject_access(actor, home_org, "A@example.vn")
    assert sorted(item["case"] for item in found) == [first.pk, second.pk]
    assert found[0]["name"] == "Nguyen Van A"
    assert services.erase_resident(actor, home_org, "a@example.vn") == 2
    assert Resident.objects.count() == 0
    assert Case.objects.filter(anonymised_at__isnull=False).count() == 2
    assert Case.objects.get(pk=other.pk).anonymised_at is None
