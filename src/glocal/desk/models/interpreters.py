"""The desk's interpreters and their appointments."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import AuditedModel


class Interpreter(AuditedModel):
    owner = models.ForeignKey("orgs.Organisation", models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    languages = models.CharField(_("languages"), max_length=300)  # BCP 47 tags, comma-separated
    availability = models.CharField(_("availability"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")

    def __str__(self) -> str:
        return self.name

    @property
    def language_list(self) -> list[str]:
        return [tag for tag in self.languages.split(",") if tag]


class Appointment(AuditedModel):
    """An interpreter booked for a case; the service refuses overlapping bookings."""

    interpreter = models.ForeignKey(Interpreter, models.CASCADE, related_name="appointments")
    case = models.ForeignKey("desk.Case", models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    language = models.CharField(_("language"), max_length=35)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="appointment_ends_after"
            )
        ]
        verbose_name = _("interpreter appointment")
        verbose_name_plural = _("interpreter appointments")

    def __str__(self) -> str:
        return f"{self.interpreter} {self.starts_at:%Y-%m-%d %H:%M}"

    def audit_organisation_id(self) -> int | None:
        return self.interpreter.owner_id
