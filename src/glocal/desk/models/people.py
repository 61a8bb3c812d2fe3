"""Who may open the desk's cases: desk members, and support staff under a time-limited grant."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import AuditedModel


class DeskMember(AuditedModel):
    """A member of an organisation who works at its consultation desk. Membership of the
    organisation alone does not open the cases: its other staff, its API tokens and platform
    staff see none of them."""

    class Role(models.TextChoices):
        COUNSELLOR = "counsellor", _("Counsellor")
        ADMIN = "admin", _("Desk administrator")

    organisation = models.ForeignKey(
        "orgs.Organisation", models.CASCADE, related_name="desk_members"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="desk_roles")
    role = models.CharField(_("desk role"), max_length=12, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_desk_role_per_user")
        ]
        verbose_name = _("desk member")
        verbose_name_plural = _("desk members")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    def audit_organisation_id(self) -> int | None:
        return self.organisation_id


class SupportGrantQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class SupportGrant(AuditedModel):
    """The desk's administrator lets one platform staff member read its cases until a set
    time, for a stated reason. Nothing else lets platform staff in."""

    organisation = models.ForeignKey(
        "orgs.Organisation", models.CASCADE, related_name="desk_support_grants"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = SupportGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("desk support grant")
        verbose_name_plural = _("desk support grants")

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation} until {self.expires_at:%Y-%m-%d %H:%M}"

    def audit_organisation_id(self) -> int | None:
        return self.organisation_id


class FormSubmission(models.Model):
    """When a public form was sent from an address (kept as a keyed hash, never the address):
    the per-address rate limit counts these. Rows older than a day are deleted by the purge."""

    address_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.address_hash[:8]} {self.at:%Y-%m-%d %H:%M}"
