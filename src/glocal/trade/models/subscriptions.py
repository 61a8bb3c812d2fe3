"""Alerts on changes to import restrictions: anyone subscribes to a country or region, a
product group or a prefecture, and confirms by a signed link mailed to the address."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import AuditedModel


class Topic(models.TextChoices):
    COUNTRY = "country", _("Country or region")
    PRODUCT_GROUP = "product_group", _("Product group")
    PREFECTURE = "prefecture", _("Prefecture")


class AlertSubscription(AuditedModel):
    """One address following one topic. Restrictions are public, so alerts belong to no
    organisation; the address is personal data, deleted when the subscriber leaves."""

    audit_exclude = ("email",)

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, default="ja")
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    # An ISO code (HK), a product group's Japanese name (水産物) or a local government code.
    value = models.CharField(_("value"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["email", "topic", "value"], name="trade_unique_alert_subscription"
            )
        ]
        verbose_name = _("restriction alert subscription")
        verbose_name_plural = _("restriction alert subscriptions")

    def __str__(self) -> str:
        return f"{self.topic}:{self.value}"

    def audit_organisation_id(self) -> int | None:
        return None
