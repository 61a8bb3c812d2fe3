"""Base classes that every app's records build on: auditing and ownership."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditedModel(models.Model):
    """Creates, updates and deletes of subclasses are written to the audit log.

    Set `sensitive = True` on a subclass whose reads must be audited too; views and API handlers
    call `glocal.orgs.audit.record_read()` when they show such a record.
    """

    sensitive = False
    # Fields never copied into the audit log (secrets, derived text).
    audit_exclude: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._audit_loaded = dict(zip(field_names, values, strict=True))
        return instance

    def audit_organisation_id(self) -> int | None:
        """The organisation whose log this record's events belong to."""
        return getattr(self, "owner_id", None)


class OwnedModel(AuditedModel):
    """A record owned by one organisation. Private unless `is_public` is set explicitly."""

    owner = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public records can be read by anyone, without logging in."),
    )

    class Meta:
        abstract = True
