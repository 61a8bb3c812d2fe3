"""The demo network loads twice without change, and its pages read in Japanese."""

import re

import pytest
from django.contrib.auth import get_user_model

from glocal.network import demo
from glocal.network.models import Contact, Group, Mailing
from glocal.orgs import demo as orgs_demo
from tests.core.test_japanese_pages import LEFTOVERS
from tests.japanese_pages import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    orgs_demo.load(lambda _line: None)
    demo.load(lambda _line: None)


def _state():
    return (
        list(Contact.objects.order_by("pk").values_list("pk", "name", "email", "consent_on",
                                                         "consent_withdrawn_on", "merged_into")),
        list(Group.objects.order_by("pk").values_list("pk", "name", "criteria")),
        list(Mailing.objects.values_list("pk", "status")),
    )  # fmt: skip


def test_the_demo_loads_twice_without_change(loaded):
    before = _state()
    assert len(before[0]) == 324
    assert all("fictional" in name or "架空" in name for _pk, name, *_rest in before[0])
    assert all(email.endswith("@example.org") for _pk, _name, email, *_rest in before[0])
    assert Contact.objects.consenting().count() > 200
    assert Contact.objects.filter(consent_withdrawn_on__isnull=False).exists()
    assert sorted(m[1] for m in before[2]) == ["draft", "sending"]  # the greeting: outbox next
    demo.load(lambda _line: None)
    assert _state() == before


def test_the_demo_pages_read_in_japanese(client, loaded):
    client.force_login(get_user_model().objects.get(username="fukushima.admin"))
    contact = Contact.objects.get(email="br-member00@example.org")
    group = Group.objects.first()
    paths = [
        "/staff/network/", "/staff/network/new/", f"/staff/network/{contact.pk}/",
        f"/staff/network/{contact.pk}/edit/", "/staff/network/duplicates/",
        "/staff/network/mailings/", f"/staff/network/mailings/new/?group={group.pk}",
        f"/staff/network/groups/{group.pk}/", "/staff/network/import/",
        "/staff/network/statistics/",
        *(f"/staff/network/mailings/{pk}/" for pk in Mailing.objects.values_list("pk", flat=True)),
    ]  # fmt: skip
    for path in paths:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
        assert response.status_code == 200, path
        text = visible_text(response.content.decode())
        assert [p for p in LEFTOVERS if re.search(p, text)] == [], path


def test_the_demo_plan_counts_the_associations_the_demo_mailing_reached(loaded):
    """F-13 of the Fukushima demo plan is derived from the network: after the plans load, this
    year's actual is the number of 海外県人会 whose officers the sent greeting reached."""
    from django.utils import timezone

    from glocal import wareki
    from glocal.network.models import OrganisationType, Recipient
    from glocal.plans import demo as plans_demo
    from glocal.plans.models import Actual

    plans_demo.load(lambda _line: None)
    greeting = Mailing.objects.get(messages__subject="新年度のごあいさつ（デモ）")
    assert greeting.status != Mailing.Status.DRAFT
    reached = Recipient.objects.filter(mailing=greeting).values("contact_id")
    associations = set(
        Contact.objects.filter(organisation_type=OrganisationType.ASSOCIATION,
                               people__person_id__in=reached).values_list("name", flat=True)
    )  # fmt: skip
    assert len(associations) == 3  # Brazil, Peru and the US
    actual = Actual.objects.get(
        indicator__code="F-13", indicator__derived="network.associations_in_contact",
        fiscal_year=wareki.fiscal_year(timezone.localdate()),
    )  # fmt: skip
    assert actual.value == len(associations)
    assert not actual.sample
    assert actual.provenance.startswith("Overseas prefectural associations")
