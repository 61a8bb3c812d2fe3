"""Base classes that every app's records build on: auditing and ownership."""

from django.db import models, router, transaction
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

    # The audit event is written by the post_save/post_delete signal (glocal.orgs.audit).
    # Django sends those signals after the row is written and outside any transaction of its
    # own, so without one here a failing audit insert would leave the change in place with no
    # event. A write and its event commit together or not at all, whoever calls save().
    def save(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self))):
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self))):
            return super().delete(*args, **kwargs)

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
