from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.organisation import Organisation
from glocal.orgs.models.tenancy import AuditedModel


class PlaceGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class PlaceGrant(AuditedModel):
    """Platform staff let an organisation act for a place beyond its own: a prefecture's
    international association for a neighbouring prefecture after a disaster, a municipality
    for the whole prefecture it belongs to. A grant covers the place as an organisation's own
    place does (a prefecture with its municipalities, a city with its wards). Revoked grants are
    kept, so that the record shows who allowed what and when."""

    organisation = models.ForeignKey(
        Organisation,
        models.CASCADE,
        related_name="place_grants",
        verbose_name=_("organisation"),
    )
    local_government = models.ForeignKey(
        "places.LocalGovernment",
        models.PROTECT,
        related_name="+",
        verbose_name=_("local government"),
    )
    reason = models.CharField(_("reason"), max_length=500)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(_("granted"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = PlaceGrantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "local_government"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_place_grant",
            )
        ]
        ordering = ["-created_at"]
        verbose_name = _("place grant")
        verbose_name_plural = _("place grants")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.local_government}"

    def audit_organisation_id(self) -> int | None:
        return self.organisation_id

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
