"""Canned answers in several languages, each translation with an honest review status."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import AuditedModel


class ReviewStatus(models.TextChoices):
    """As in the phrase library: a translation is unreviewed until a speaker checks it."""

    UNREVIEWED = "unreviewed", _("Not reviewed")
    REVIEWED = "reviewed", _("Reviewed")
    MACHINE = "machine", _("Machine-translated, not reviewed")


class CannedAnswer(AuditedModel):
    owner = models.ForeignKey("orgs.Organisation", models.CASCADE, related_name="+")
    key = models.SlugField(_("key"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    topic = models.ForeignKey(
        "desk.Topic", models.SET_NULL, null=True, blank=True, related_name="answers"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="one_canned_answer_per_key")
        ]
        ordering = ["key"]
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")

    def __str__(self) -> str:
        return self.title


class CannedAnswerText(AuditedModel):
    answer = models.ForeignKey(CannedAnswer, models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=35)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=10_000)
    status = models.CharField(
        _("review"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "language"], name="one_canned_text_per_language"
            )
        ]
        ordering = ["language"]

    def __str__(self) -> str:
        return f"{self.answer.key} [{self.language}]"

    def audit_organisation_id(self) -> int | None:
        return self.answer.owner_id
