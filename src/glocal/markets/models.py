"""Official statistics (visitor arrivals, overnight stays, exports) and the weights of the
focus-market score.

A figure belongs to the organisation that imported it and is public by default: official
statistics are public reference data. Places are kept as codes (ISO 3166-1 alpha-2 for the
country, the 6-digit local government code for the prefecture, HS digits), checked against the
reference data when imported, so that a million rows are written and read without joins. An
empty code is the total: all countries, all of Japan, all goods.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glocal.markets import periods
from glocal.orgs.models.tenancy import AuditedModel, OwnedModel

# No count or amount in these statistics comes near it; beyond it a figure is a typing error.
VALUE_MAX = 1e16
SOURCE_MAX = 300


class Measure(AuditedModel):
    """What a figure counts. The built-in ones (no owner) are public; an organisation may
    define its own, private unless made public."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name_ja = models.CharField(_("Japanese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    owner = models.ForeignKey(
        "orgs.Organisation", models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_public = models.BooleanField(_("public"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = pgettext_lazy("statistics", "measure")
        verbose_name_plural = pgettext_lazy("statistics", "measures")

    def __str__(self) -> str:
        return self.name_ja


class Status(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary")
    FINAL = "final", _("Final")


class PeriodKind(models.TextChoices):
    MONTH = periods.MONTH, _("Month")
    QUARTER = periods.QUARTER, _("Quarter")
    FISCAL_YEAR = periods.FISCAL_YEAR, _("Fiscal year")
    YEAR = periods.YEAR, _("Calendar year")


class Statistic(OwnedModel):
    """One published figure: a measure for a country, prefecture and HS code in a period."""

    is_public = models.BooleanField(_("public"), default=True)
    measure = models.ForeignKey(Measure, models.PROTECT, related_name="+")
    country = models.CharField(_("country"), max_length=2, blank=True)
    prefecture = models.CharField(_("prefecture"), max_length=6, blank=True)
    hs_code = models.CharField(_("HS code"), max_length=9, blank=True)
    period = models.CharField(_("period"), max_length=8)  # the canonical label: 2025-04
    period_kind = models.CharField(max_length=12, choices=PeriodKind.choices)
    period_start = models.DateField()
    value = models.FloatField(
        _("value"), validators=[MinValueValidator(-VALUE_MAX), MaxValueValidator(VALUE_MAX)]
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    source = models.CharField(_("source"), max_length=SOURCE_MAX, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # Made up for the demonstration: every page showing one says so.
    sample = models.BooleanField(_("sample figure"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "measure", "country", "prefecture", "hs_code", "period"],
                name="one_statistic_per_owner_and_cell",
            )
        ]
        indexes = [
            models.Index(
                fields=["measure", "prefecture", "country", "hs_code", "period_start"],
                name="statistic_series",
            )
        ]
        ordering = ["period_start"]
        verbose_name = _("statistic")
        verbose_name_plural = _("statistics")

    def __str__(self) -> str:
        return f"{self.measure_id} {self.country or '*'} {self.prefecture or '*'} {self.period}"


class Revision(models.Model):
    """A value replaced by a later publication (a preliminary figure by the final one)."""

    statistic = models.ForeignKey(Statistic, models.CASCADE, related_name="revisions")
    value = models.FloatField()
    status = models.CharField(max_length=12, choices=Status.choices)
    source = models.CharField(max_length=SOURCE_MAX, blank=True)
    published_on = models.DateField(null=True, blank=True)
    replaced_at = models.DateTimeField(auto_now_add=True)
    replaced_by = models.ForeignKey(
        "StatisticImport", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.statistic_id}: {self.value} ({self.status})"


class StatisticImport(OwnedModel):
    """One import of a statistics file: its audit event, its counts, and for a file queued
    from the staff page its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        CHECKING = "checking", _("Checking rows")
        WRITING = "writing", _("Writing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    audit_exclude = ("data", "problems")
    name = models.CharField(_("file"), max_length=200)
    layout = models.CharField(_("layout"), max_length=20, default="tidy")
    data = models.BinaryField(blank=True, default=b"")  # emptied once the import has finished
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    replaced = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # the first ones: [row, field, reason]
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class FactorWeight(OwnedModel):
    """How much one factor of the focus-market score counts for an organisation (1 = as
    documented, 0 = ignored)."""

    factor = models.CharField(_("factor"), max_length=40)
    weight = models.FloatField(
        _("weight"), default=1.0, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "factor"], name="one_weight_per_factor")
        ]

    def __str__(self) -> str:
        return f"{self.factor}×{self.weight}"


class FocusMarket(OwnedModel):
    """A country an organisation has chosen to focus on (重点市場), for its plan indicators."""

    country = models.CharField(_("country"), max_length=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "country"], name="one_focus_per_country")
        ]
        ordering = ["country"]

    def __str__(self) -> str:
        return self.country


# The built-in measures (migration 0002), by key.
VISITOR_ARRIVALS = "visitor_arrivals"
OVERNIGHT_STAYS = "overnight_stays"
EXPORT_VALUE = "export_value"
EXPORT_QUANTITY = "export_quantity"
