"""Facilities a notice can name (shelters, water points, offices), with names per language."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import OwnedModel


class Facility(OwnedModel):
    class Kind(models.TextChoices):
        SHELTER = "shelter", _("Shelter")
        WATER = "water", _("Water or food distribution point")
        OFFICE = "office", _("Public office")
        HOSPITAL = "hospital", _("Hospital or clinic")
        CONSULTATION = "consultation", _("Consultation desk")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    kana = models.CharField(_("name in kana"), max_length=200)
    # Names in other content languages by tag; missing ones fall back to romanised Japanese.
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)
    local_government = models.ForeignKey(
        "places.LocalGovernment",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("local government"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "slug"], name="facility_slug_per_owner")
        ]
        ordering = ["kana"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def __str__(self) -> str:
        return self.name
