"""Rows by key, and new rows, without the ORM's query building: what the ORM would give."""

from datetime import timedelta

import pytest
from django.utils import timezone

from glocal.core import keyed
from glocal.orgs.models import ApiToken, Role


def test_a_row_by_key_has_its_fields_converted_as_the_orm_would(home_org):
    token = ApiToken(organisation=home_org, name="受付の電話", role=Role.VIEWER)
    token.issue()
    token.revoked_at = timezone.now() - timedelta(days=1)
    token.save()

    found = keyed.get(ApiToken, key_id=token.key_id)

    through_orm = ApiToken.objects.get(key_id=token.key_id)
    assert found == through_orm
    assert found.revoked_at == through_orm.revoked_at  # an aware datetime, not a string
    assert found.revoked_at.tzinfo is not None
    assert (found.name, found.role, found.organisation_id) == ("受付の電話", "viewer", home_org.pk)
    assert found._state.adding is False  # saving it updates the row


def test_primary_key_and_several_fields(home_org):
    assert keyed.get(type(home_org), pk=home_org.pk).slug == home_org.slug
    assert keyed.get(type(home_org), pk=home_org.pk, slug=home_org.slug) == home_org
    assert keyed.get(type(home_org), pk=home_org.pk, slug="someone-else") is None


def test_no_row_is_none(db):
    assert keyed.get(ApiToken, key_id="missing") is None


def test_json_and_boolean_columns(home_org):
    from glocal.orgs.models import AuditEvent

    event = AuditEvent.objects.create(
        organisation=home_org, actor="cli", via="cli", action="create", model="x.Y",
        object_id="1", object_repr="y", changes={"名前": [None, "池田町"]},
    )  # fmt: skip
    assert keyed.get(AuditEvent, pk=event.pk).changes == {"名前": [None, "池田町"]}


def test_a_foreign_key_comes_in_the_same_query(home_org, django_assert_num_queries):
    token = ApiToken(organisation=home_org, name="受付", role=Role.VIEWER)
    token.issue()
    token.save()

    with django_assert_num_queries(1):
        found = keyed.get(ApiToken, related="organisation", key_id=token.key_id)
        assert found.organisation == home_org
        assert found.organisation.name == home_org.name
    assert keyed.get(ApiToken, related="organisation", key_id="missing") is None


def test_insert_writes_the_row_save_would(home_org):
    from glocal.orgs.models import AuditEvent

    event = AuditEvent(
        organisation=home_org, actor="受付", via="api", action="create", model="x.Y",
        object_id="7", object_repr="池田町", changes={"名前": [None, "池田町"]},
    )  # fmt: skip
    keyed.insert(event)

    assert event.pk is not None
    assert event._state.adding is False
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.changes == {"名前": [None, "池田町"]}  # JSON, not its repr
    assert stored.at is not None  # auto_now_add, as save() sets it
    assert stored.at == event.at
    assert (stored.organisation_id, stored.object_repr) == (home_org.pk, "池田町")


def test_an_optional_foreign_key_is_not_joined(db):
    with pytest.raises(ValueError, match="may be empty"):  # a token's author may be gone
        keyed.get(ApiToken, related="created_by", key_id="any")
