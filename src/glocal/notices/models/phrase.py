"""The phrase library: standard messages with typed slots, in every content language."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    EARTHQUAKE = "earthquake", _("Earthquake")
    TSUNAMI = "tsunami", _("Tsunami")
    HEAVY_RAIN = "heavy_rain", _("Heavy rain and landslides")
    TYPHOON = "typhoon", _("Typhoon")
    EVACUATION = "evacuation", _("Evacuation")
    SHELTER = "shelter", _("Shelters")
    SUPPLIES = "supplies", _("Water and food")
    OUTAGE = "outage", _("Power, gas, water and transport")
    DISEASE = "disease", _("Infectious disease")
    HEAT = "heat", _("Heatstroke")
    VACCINATION = "vaccination", _("Vaccination")
    GARBAGE = "garbage", _("Garbage")
    REGISTRATION = "registration", _("Resident registration")
    TAX_HEALTH = "tax_health", _("Tax and health insurance")
    CONSULTATION = "consultation", _("Consultation desk")
    GENERAL = "general", _("General")


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", _("Not reviewed")
    REVIEWED = "reviewed", _("Reviewed")
    MACHINE = "machine", _("Machine-translated, not reviewed")


class PhraseTemplate(models.Model):
    """A standard message. `slots` lists {"name", "type"}; every translation has exactly
    these slots, written {name}."""

    key = models.SlugField(_("key"), max_length=80, unique=True, allow_unicode=False)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    slots = models.JSONField(_("slots"), default=list, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    # Where the official terms of the Japanese come from (codes in data/glossary/sources.tsv)
    # and when they were last compared with those sources: warning names change.
    terms_source = models.CharField(_("source of official terms"), max_length=200, blank=True)
    terms_checked = models.DateField(_("official terms checked on"), null=True, blank=True)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("phrase template")
        verbose_name_plural = _("phrase templates")

    def __str__(self) -> str:
        return self.key

    @property
    def slot_names(self) -> list[str]:
        return [slot["name"] for slot in self.slots]


class PhraseTranslation(models.Model):
    template = models.ForeignKey(
        PhraseTemplate, models.CASCADE, related_name="translations", verbose_name=_("template")
    )
    language = models.CharField(_("language"), max_length=16)
    text = models.TextField(_("text"))
    review_status = models.CharField(
        _("review status"), max_length=12, choices=ReviewStatus.choices
    )
    reviewer = models.CharField(_("reviewer"), max_length=150, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["template", "language"], name="one_text_per_language")
        ]
        verbose_name = _("phrase translation")
        verbose_name_plural = _("phrase translations")

    def __str__(self) -> str:
        return f"{self.template.key} [{self.language}]"
