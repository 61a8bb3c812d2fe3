"""Rows by key without the ORM's query building: the same instance the ORM would give."""

from datetime import timedelta

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
