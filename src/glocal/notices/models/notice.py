"""Notices: what an organisation tells foreign residents, in versions, through a workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.notices.models.phrase import Category, ReviewStatus
from glocal.orgs.models.tenancy import AuditedModel, OwnedModel


class Notice(OwnedModel):
    """Public once published (`is_public`); drafts stay with the owning organisation.

    `current_version` is what staff edit; `published_version` is what residents read, so an
    update can go through approval while the published text stays up. A version holds the
    texts *and* the category, severity, area and validity; the notice's own copies of these
    are what residents are shown: those of the published version (set when it is published),
    or before the first publication those of the draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class Severity(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency")
        WARNING = "warning", _("Warning")
        ADVISORY = "advisory", _("Advisory")
        INFO = "info", _("Information")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices)
    prefecture = models.ForeignKey(
        "places.LocalGovernment",
        models.PROTECT,
        related_name="+",
        verbose_name=_("prefecture"),
    )
    # Empty: the whole prefecture.
    municipalities = models.ManyToManyField(
        "places.LocalGovernment", blank=True, related_name="+", verbose_name=_("municipalities")
    )
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    current_version = models.ForeignKey(
        "NoticeVersion", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_version = models.ForeignKey(
        "NoticeVersion", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_published_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_category_display()}"

    @property
    def is_updated(self) -> bool:
        return bool(
            self.first_published_at
            and self.published_at
            and self.published_at > self.first_published_at
        )


class NoticeVersion(models.Model):
    """One saved state of a notice: its texts and what they apply to (category, severity, area,
    validity). Versions are never changed, only added, and each goes through approval."""

    notice = models.ForeignKey(Notice, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # Who wrote it: the signed-in person, or the API token it came through. The two-person
    # rule compares these identities, never the label below.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_token = models.ForeignKey(
        "orgs.ApiToken", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who wrote it, as the audit log names them (a user, or an API token), for display.
    author = models.CharField(max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=12, choices=Notice.Severity.choices)
    prefecture = models.ForeignKey(
        "places.LocalGovernment",
        models.PROTECT,
        related_name="+",
        verbose_name=_("prefecture"),
    )
    # Empty: the whole prefecture.
    municipalities = models.ManyToManyField(
        "places.LocalGovernment", blank=True, related_name="+", verbose_name=_("municipalities")
    )
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Composed from the phrase library: the template keys and raw slot values.
    phrases = models.JSONField(default=list, blank=True)
    slots = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "number"], name="version_number_per_notice")
        ]
        ordering = ["notice", "number"]

    def __str__(self) -> str:
        return f"{self.notice} v{self.number}"

    def text(self, language: str):
        return next((t for t in self.texts.all() if t.language == language), None)


class NoticeText(models.Model):
    # The longest body any way in takes (staff form, API, importers): a notice stays readable
    # and a mail stays small.
    MAX_BODY = 20_000

    class Origin(models.TextChoices):
        PHRASES = "phrases", _("Phrase library")
        STAFF = "staff", _("Written by staff")
        MACHINE = "machine", _("Machine translation")

    version = models.ForeignKey(NoticeVersion, models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=16)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"))
    origin = models.CharField(max_length=10, choices=Origin.choices)
    review_status = models.CharField(max_length=12, choices=ReviewStatus.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="one_text_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.version} [{self.language}]"


class NoticePolicy(AuditedModel):
    """How an organisation publishes. With two-person approval, the person who approves a
    version must not be the one who wrote it, and only approved versions are published."""

    organisation = models.OneToOneField(
        "orgs.Organisation", models.CASCADE, related_name="notice_policy"
    )
    two_person_approval = models.BooleanField(_("two-person approval"), default=True)

    class Meta:
        verbose_name = _("notice policy")
        verbose_name_plural = _("notice policies")

    def __str__(self) -> str:
        state = "on" if self.two_person_approval else "off"
        return f"{self.organisation}: two-person approval {state}"

    def audit_organisation_id(self):
        return self.organisation_id
