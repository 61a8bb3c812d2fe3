"""Adding members: no enumeration of accounts, no taking over another organisation's people,
and no silent switch of a session's organisation (security review finding 7)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from glocal.orgs import selection, services
from glocal.orgs.models import Membership, Role

pytestmark = pytest.mark.django_db


def add(client, organisation, email, role="viewer"):
    return client.post(
        f"/staff/orgs/{organisation.pk}/", {"email": email, "role": role}, follow=True
    ).content.decode()


def test_another_organisations_administrator_learns_nothing_and_adds_nobody(
    client, outsider, other_org, owner
):
    client.force_login(outsider)
    unknown = add(client, other_org, "nobody@example.jp")
    known = add(client, other_org, "owner@example.jp")
    assert "nobody@example.jp" not in unknown
    assert "owner@example.jp" not in known
    said = "このアドレスが追加できるアカウントのものであれば"
    assert said in unknown
    assert said in known
    assert not Membership.objects.filter(user=owner, organisation=other_org).exists()


def test_an_account_of_no_organisation_is_added(client, outsider, other_org):
    newcomer = get_user_model().objects.create_user("newcomer", "new@example.jp", "pw-1234-x")
    client.force_login(outsider)
    add(client, other_org, "new@example.jp", "editor")
    assert Membership.objects.get(user=newcomer, organisation=other_org).role == "editor"


def test_platform_staff_add_a_member_of_another_organisation(
    other_org, owner, django_user_model, actor_for
):
    staff = django_user_model.objects.create_superuser("root", "root@example.jp", "pw-1234-x")
    services.add_member(actor_for(staff), other_org, "owner@example.jp", Role.EDITOR)
    assert Membership.objects.filter(user=owner, organisation=other_org).exists()


def test_a_new_membership_does_not_take_over_a_session(
    client, owner, home_org, other_org, django_user_model, actor_for, places_beyond_home
):
    """The victim is working in 福島県; a membership of another organisation (added by platform
    staff, as administrator, so it would rank first) must not redirect their next upload."""
    from glocal.partners.models import Affiliation
    from tests.partners.test_importer import GOOD

    client.force_login(owner)
    client.get("/staff/")
    assert client.session[selection.SESSION_KEY] == home_org.pk
    staff = django_user_model.objects.create_superuser("root", "root@example.jp", "pw-1234-x")
    services.add_member(actor_for(staff), other_org, "owner@example.jp", Role.ADMIN)
    client.post(
        "/staff/partners/import/",
        {"file": SimpleUploadedFile("ours.csv", GOOD.encode("utf-8"))},
    )
    client.post("/staff/partners/import/", {"action": "import"})
    owners = set(Affiliation.objects.values_list("owner__slug", flat=True))
    assert owners == {home_org.slug}
