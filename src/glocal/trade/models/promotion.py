"""The prefecture's exporters and its export-promotion projects: private to the organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import OwnedModel


class Exporter(OwnedModel):
    """A company that exports the prefecture's products. Its contact is personal data: reads
    of the record are audited, and it never leaves the organisation."""

    sensitive = True

    company = models.CharField(_("company"), max_length=200)
    products = models.CharField(_("products"), max_length=400, blank=True)
    # ISO 3166-1 alpha-2 codes of the markets the company targets.
    markets = models.JSONField(_("target markets"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)

    class Meta:
        ordering = ["company", "pk"]
        verbose_name = _("exporter")
        verbose_name_plural = _("exporters")

    def __str__(self) -> str:
        return self.company


class ProjectKind(models.TextChoices):
    EXPO_BOOTH = "expo_booth", _("Booth at a food expo")
    MISSION_EVENT = "mission_event", _("Tasting or buyer event at a mission abroad")
    TRADE_MISSION = "trade_mission", _("Trade mission")
    INVITATION = "invitation", _("Invited bloggers or buyers")
    ONLINE_MEETINGS = "online_meetings", _("Online business meetings")
    OTHER = "other", _("Other")


class PromotionProject(OwnedModel):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    country = models.ForeignKey(
        "places.Country", models.PROTECT, related_name="+", verbose_name=_("market")
    )
    partners = models.CharField(_("partners"), max_length=400, blank=True)
    exporters = models.ManyToManyField(Exporter, blank=True, related_name="projects")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    budget_yen = models.PositiveBigIntegerField(_("budget (yen)"), null=True, blank=True)
    negotiations = models.PositiveIntegerField(_("business negotiations"), default=0)
    contracts = models.PositiveIntegerField(_("contracts"), default=0)
    estimated_sales_yen = models.PositiveBigIntegerField(
        _("estimated sales (yen)"), null=True, blank=True
    )
    media_reach = models.PositiveBigIntegerField(_("media reach"), null=True, blank=True)
    outcomes = models.TextField(_("outcomes and problems"), max_length=4000, blank=True)
    # The events app is not part of the platform yet: a link to the event's page stands in.
    event_url = models.URLField(_("event page"), max_length=500, blank=True)

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("promotion project")
        verbose_name_plural = _("promotion projects")

    def __str__(self) -> str:
        return self.title
