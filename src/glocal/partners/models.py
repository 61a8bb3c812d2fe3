"""Sister-city and friendship affiliations between Japanese and foreign local governments."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from glocal.core.fields import CodeSetField
from glocal.orgs.models.tenancy import OwnedModel

# The largest population a local government can have (the bound the API schemas show too).
POPULATION_MAX = 2_000_000_000
# Free texts (notes, profiles, conditions) are letters, not documents.
TEXT_MAX = 10_000
# A TextField's max_length only reaches the form widget; the validator makes full_clean check it.
LONG_TEXT = {"max_length": TEXT_MAX, "validators": [MaxLengthValidator(TEXT_MAX)]}


class Kind(models.TextChoices):
    SISTER = "sister", _("Sister city")
    FRIENDSHIP = "friendship", _("Friendship")
    PARTNERSHIP = "partnership", _("Partnership")
    OTHER = "other", _("Economic or other")


class Field(models.TextChoices):
    EDUCATION = "education", _("Education")
    CULTURE = "culture", _("Culture")
    SPORTS = "sports", _("Sports")
    YOUTH = "youth", _("Youth")
    ECONOMY = "economy", _("Economy")
    TOURISM = "tourism", _("Tourism")
    ADMINISTRATION = "administration", _("Administration")
    ENVIRONMENT = "environment", _("Environment")
    DISASTER = "disaster", _("Disaster prevention")
    MEDICINE = "medicine", _("Medicine")
    AGRICULTURE = "agriculture", _("Agriculture")
    OTHER = "other", _("Other")


def validate_finite(value) -> None:
    if value is not None and not math.isfinite(value):
        raise ValidationError(_("Enter a finite number."), code="not_finite")


def validate_field_codes(codes) -> list[str]:
    """The fields of exchange as a list, or ValidationError naming the unknown ones. The one
    check behind the form, the API and the importer."""
    unknown = [code for code in codes if code not in Field.values]
    if unknown:
        raise ValidationError(
            gettext("Unknown fields: %(fields)s") % {"fields": ", ".join(map(str, unknown))},
            code="unknown_field",
        )
    return sorted(set(codes))


class Affiliation(OwnedModel):
    """Public by default: that two places are twinned is a public fact."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        ENDED = "ended", _("Ended")

    is_public = models.BooleanField(_("public"), default=True)
    local_government = models.ForeignKey(
        "places.LocalGovernment",
        models.PROTECT,
        related_name="affiliations",
        verbose_name=_("Japanese local government"),
    )
    partner = models.ForeignKey(
        "places.ForeignLocalGovernment",
        models.PROTECT,
        related_name="affiliations",
        verbose_name=_("partner"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    # ",culture,youth," — empty when not known.
    fields = CodeSetField(_("fields of exchange"), max_length=300, labels=Field)
    notes = models.TextField(_("notes"), blank=True, **LONG_TEXT)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # One per organisation: another organisation's private record of the same pair must
        # neither block nor be revealed by a new one.
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "local_government", "partner"],
                name="one_affiliation_per_owner_and_pair",
            )
        ]
        ordering = ["local_government__code", "signed_on"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self) -> str:
        return f"{self.local_government} – {self.partner}"

    @property
    def field_labels(self) -> list[str]:
        """The fields of exchange in the reader's language."""
        return [str(Field(code).label) for code in self.fields if code in Field.values]

    def clean(self) -> None:
        if self.status == self.Status.ENDED and not self.ended_on:
            raise ValidationError({"ended_on": _("An ended affiliation needs its end date.")})
        if self.ended_on and self.signed_on and self.ended_on < self.signed_on:
            raise ValidationError({"ended_on": _("The end date is before the signing date.")})
        try:
            validate_field_codes(self.fields)
        except ValidationError as exc:
            raise ValidationError({"fields": exc.messages}) from exc


class Exchange(models.Model):
    """One exchange activity that keeps an affiliation alive."""

    class Direction(models.TextChoices):
        INBOUND = "inbound", _("Inbound")
        OUTBOUND = "outbound", _("Outbound")
        ONLINE = "online", _("Online")
        MUTUAL = "mutual", _("Mutual")

    class Kind(models.TextChoices):
        DELEGATION = "delegation", _("Delegation")
        YOUTH = "youth", _("Youth or student exchange")
        CULTURE = "culture", _("Culture")
        SPORTS = "sports", _("Sports")
        ECONOMIC = "economic", _("Economic mission")
        TRAINING = "training", _("Training")
        ONLINE = "online", _("Online exchange")

    affiliation = models.ForeignKey(Affiliation, models.CASCADE, related_name="exchanges")
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    field = models.CharField(_("field"), max_length=16, choices=Field.choices, blank=True)
    participants = models.PositiveIntegerField(
        _("participants"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    outcomes = models.TextField(_("outcomes"), blank=True, **LONG_TEXT)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")

    def __str__(self) -> str:
        return f"{self.affiliation}: {self.get_kind_display()} {self.started_on}"

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date is before the start date.")})


class PartnerRequest(OwnedModel):
    """A local government looking for a Japanese partner (as relayed by MOFA or CLAIR).
    Entered by an organisation, public once approved by a moderator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        "places.Country", models.PROTECT, related_name="+", verbose_name=_("country")
    )
    subdivision = models.ForeignKey(
        "places.Subdivision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subdivision"),
    )
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, validators=[MaxValueValidator(POPULATION_MAX)]
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[validate_finite, MinValueValidator(-90), MaxValueValidator(90)],
    )
    profile = models.TextField(_("profile"), blank=True, **LONG_TEXT)
    fields = CodeSetField(_("fields wanted"), max_length=300, labels=Field)
    preferred_prefectures = models.ManyToManyField(
        "places.LocalGovernment", blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner request")
        verbose_name_plural = _("partner requests")

    def __str__(self) -> str:
        return self.name


class PartnerProfile(OwnedModel):
    """A Japanese local government's wish for a partner (CLAIR's list): public by default."""

    is_public = models.BooleanField(_("public"), default=True)
    local_government = models.OneToOneField(
        "places.LocalGovernment", models.CASCADE, related_name="partner_profile"
    )
    countries = CodeSetField(_("countries wanted"), max_length=200)  # ISO codes
    fields = CodeSetField(_("fields"), max_length=300, labels=Field)
    conditions = models.TextField(_("conditions"), blank=True, **LONG_TEXT)
    pr = models.TextField(_("introduction"), blank=True, **LONG_TEXT)

    class Meta:
        verbose_name = _("partner-seeking profile")
        verbose_name_plural = _("partner-seeking profiles")

    def __str__(self) -> str:
        return f"profile of {self.local_government}"


class AffiliationImport(OwnedModel):
    """A file with more rows than a web request checks (importer.WEB_ROW_LIMIT), imported by a
    background task; the staff import page shows its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        CHECKING = "checking", _("Checking rows")
        WRITING = "writing", _("Writing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    audit_exclude = ("data", "problems")
    name = models.CharField(_("file"), max_length=200)
    data = models.BinaryField()  # emptied once the import has finished
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # the first ones: [row, field, reason]
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("affiliation import")
        verbose_name_plural = _("affiliation imports")

    def __str__(self) -> str:
        return self.name
