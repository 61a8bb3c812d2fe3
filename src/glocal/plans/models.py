"""Plans as trees of policies and measures, with indicators, fiscal-year targets and actuals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import OwnedModel


class Plan(OwnedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("In force")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    start_fy = models.PositiveSmallIntegerField(_("first fiscal year"))
    end_fy = models.PositiveSmallIntegerField(_("last fiscal year"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    revision = models.CharField(_("revision"), max_length=200, blank=True)
    # Where the structure comes from and what was added to it (for example, example indicators).
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_fy", "title"]

    def __str__(self) -> str:
        return self.title


class Node(models.Model):
    """One element of a plan's tree: objective, policy, initiative, measure or action."""

    class Kind(models.TextChoices):
        OBJECTIVE = "objective", _("Basic objective")
        POLICY = "policy", _("Basic policy")
        INITIATIVE = "initiative", _("Basic initiative")
        MEASURE = "measure", _("Measure")
        ACTION = "action", _("Action")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    # The plan's "role of organisations": who does what, as written in the plan.
    roles = models.TextField(_("organisations responsible"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="node_code_per_plan")]
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Indicator(models.Model):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")
        MAINTAIN = "maintain", _("Maintain")

    node = models.ForeignKey(Node, models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(max_length=8, choices=Direction.choices)
    baseline_fy = models.PositiveSmallIntegerField(_("baseline fiscal year"))
    baseline = models.FloatField(_("baseline"))
    final_target = models.FloatField(_("final target"), null=True, blank=True)
    # A computation from glocal.plans.derived: the system fills the actuals from its records.
    derived = models.CharField(_("computed from"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="targets")
    fiscal_year = models.PositiveSmallIntegerField()
    value = models.FloatField()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "fiscal_year"], name="one_target_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} FY{self.fiscal_year}: {self.value}"


class Actual(models.Model):
    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="actuals")
    fiscal_year = models.PositiveSmallIntegerField()
    value = models.FloatField()
    comment = models.TextField(blank=True)
    evidence = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)
    # Demo values are labelled as samples, in the data and on every page that shows them.
    sample = models.BooleanField(default=False)
    # For derived indicators: which records, and when they were counted.
    provenance = models.TextField(blank=True)

    class Meta:
        verbose_name = _("actual")
        verbose_name_plural = _("actuals")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "fiscal_year"], name="one_actual_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} FY{self.fiscal_year}: {self.value}"


class YearLock(models.Model):
    """A fiscal year closed after review: its actuals no longer change."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="locks")
    fiscal_year = models.PositiveSmallIntegerField()
    locked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("locked fiscal year")
        verbose_name_plural = _("locked fiscal years")
        constraints = [models.UniqueConstraint(fields=["plan", "fiscal_year"], name="one_lock")]

    def __str__(self) -> str:
        return f"{self.plan} FY{self.fiscal_year} locked"


class Review(models.Model):
    """A node's evaluation for a fiscal year: written by an editor, then confirmed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMED = "confirmed", _("Confirmed")

    node = models.ForeignKey(Node, models.CASCADE, related_name="reviews")
    fiscal_year = models.PositiveSmallIntegerField()
    evaluation = models.TextField(_("evaluation"), blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["node", "fiscal_year"], name="one_review_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.node} FY{self.fiscal_year}"
