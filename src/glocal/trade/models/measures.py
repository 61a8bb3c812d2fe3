"""Import restrictions foreign countries and regions put on Japanese products, with history.

A `Measure` is one kind of requirement by one country or region (Hong Kong's suspension, the
EU's certificates). What it covers changes over time; each change is a `MeasureVersion` with
the date it took effect and who recorded it. On a given date the measure is what its latest
version effective by then says, until a version lifts it (`effective_to`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import AuditedModel, OwnedModel


class MeasureKind(models.TextChoices):
    SUSPENSION = "suspension", _("Import suspension")
    INSPECTION_CERTIFICATE = (
        "inspection_certificate",
        _("Radioactive-material inspection certificate"),
    )
    ORIGIN_CERTIFICATE = "origin_certificate", _("Certificate of origin")
    BORDER_INSPECTION = "border_inspection", _("Border sampling inspection")
    OTHER = "other", _("Other")


class Scope(models.TextChoices):
    ALL = "all", _("All of Japan")
    LISTED = "listed", _("Listed prefectures")
    EXCEPT = "except", _("All but listed prefectures")


class Change(models.TextChoices):
    IMPOSED = "imposed", _("Imposed")
    TIGHTENED = "tightened", _("Tightened")
    EASED = "eased", _("Eased")
    AMENDED = "amended", _("Amended")
    LIFTED = "lifted", _("Lifted")
    CORRECTED = "corrected", _("Corrected")


class Measure(OwnedModel):
    """Public by default: foreign import restrictions are public information."""

    is_public = models.BooleanField(_("public"), default=True)
    country = models.ForeignKey(
        "places.Country", models.PROTECT, related_name="+", verbose_name=_("country or region")
    )
    kind = models.CharField(_("measure"), max_length=32, choices=MeasureKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["country__code", "kind", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "country", "kind", "title"], name="trade_unique_measure"
            )
        ]
        verbose_name = _("import restriction")
        verbose_name_plural = _("import restrictions")

    def __str__(self) -> str:
        return f"{self.country.code} {self.get_kind_display()} {self.title}".strip()


class MeasureVersion(AuditedModel):
    """What a measure covered from `effective_from` on. `effective_to` is the day it was
    lifted (no longer in force from that day); empty while in force."""

    measure = models.ForeignKey(Measure, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    change = models.CharField(_("change"), max_length=16, choices=Change.choices)
    scope = models.CharField(_("prefectures covered"), max_length=8, choices=Scope.choices)
    # Local government codes of the listed (or excepted) prefectures, sorted.
    prefectures = models.JSONField(_("prefectures"), default=list, blank=True)
    # HS codes (digits), sorted; `product_terms` keeps what was entered (水産物, 0301).
    products = models.JSONField(_("HS codes"), default=list)
    product_terms = models.JSONField(_("products"), default=list)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("lifted on"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=400, blank=True)
    reference_url = models.URLField(_("reference address"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Not checked against an official source: shown as illustrative."),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["measure_id", "effective_from", "number"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "number"], name="trade_unique_version")
        ]
        verbose_name = _("version of an import restriction")
        verbose_name_plural = _("versions of import restrictions")

    def __str__(self) -> str:
        return f"{self.measure} v{self.number} ({self.effective_from})"

    def audit_organisation_id(self) -> int | None:
        return self.measure.owner_id

    def covers_prefecture(self, code: str) -> bool:
        if self.scope == Scope.ALL:
            return True
        listed = code in self.prefectures
        return listed if self.scope == Scope.LISTED else not listed

    def prefecture_count(self, total: int = 47) -> int:
        if self.scope == Scope.ALL:
            return total
        n = len(self.prefectures)
        return n if self.scope == Scope.LISTED else total - n

    def content(self) -> tuple:
        """What the version says, to tell a change from the same row imported again."""
        return (
            self.scope,
            tuple(self.prefectures),
            tuple(self.products),
            self.effective_from,
            self.effective_to,
            self.reference,
            self.reference_url,
            self.notes,
            self.illustrative,
        )
