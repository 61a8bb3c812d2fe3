from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEvent(models.Model):
    """Who did what to which record, when and from where. Written once, never changed."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        READ = "read", _("Viewed")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        db_constraint=False,  # the log outlives a deleted organisation
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.CharField(_("who"), max_length=200)
    via = models.CharField(_("through"), max_length=16)
    action = models.CharField(_("what"), max_length=8, choices=Action.choices)
    model = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    changes = models.JSONField(default=dict, blank=True)
    # "from" also starts a date range elsewhere; here it is where the request came from.
    ip_address = models.GenericIPAddressField(
        pgettext_lazy("audit log: client address", "from"), null=True, blank=True
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"
