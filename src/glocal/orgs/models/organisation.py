from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import AuditedModel


class Role(models.TextChoices):
    """What a member may do in an organisation; each role includes the ones below it."""

    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Administrator")

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, other: "Role") -> bool:
        return self.rank >= Role(other).rank


class Organisation(AuditedModel):
    class Kind(models.TextChoices):
        PREFECTURE = "prefecture", _("Prefectural government")
        MUNICIPALITY = "municipality", _("Municipal government")
        INTERNATIONAL_ASSOCIATION = "international_association", _("International association")
        MOFA_DIVISION = "mofa_division", _("MOFA division")
        MISSION_ABROAD = "mission_abroad", _("Japanese mission abroad")
        FOREIGN_MISSION = "foreign_mission", _("Foreign mission in Japan")
        JETRO_OFFICE = "jetro_office", _("JETRO office")
        SUPPORT_GROUP = "support_group", _("Support group or NPO")
        UNIVERSITY = "university", _("University")
        BUSINESS = "business", _("Business")
        FOREIGN_LOCAL_GOVERNMENT = "foreign_local_government", _("Foreign local government")

    slug = models.SlugField(_("short name"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    local_government = models.ForeignKey(
        "places.LocalGovernment",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("local government"),
        help_text=_("The prefecture or municipality the organisation is or serves."),
    )
    country = models.ForeignKey(
        "places.Country",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country"),
        help_text=_("For missions, foreign missions and foreign local governments."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def audit_organisation_id(self) -> int | None:
        return self.pk

    def clean(self) -> None:
        lg = self.local_government
        if self.kind == self.Kind.PREFECTURE and (lg is None or not lg.is_prefecture):
            raise ValidationError(
                {"local_government": _("A prefectural government needs its prefecture.")}
            )
        if self.kind == self.Kind.MUNICIPALITY and (lg is None or lg.is_prefecture):
            raise ValidationError(
                {"local_government": _("A municipal government needs its municipality.")}
            )
        needs_country = {
            self.Kind.MISSION_ABROAD,
            self.Kind.FOREIGN_MISSION,
            self.Kind.FOREIGN_LOCAL_GOVERNMENT,
        }
        if self.kind in needs_country and self.country_id is None:
            raise ValidationError({"country": _("This kind of organisation needs a country.")})


class Membership(AuditedModel):
    """A user's place in an organisation. Members' names and addresses are personal data."""

    sensitive = True

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    def audit_organisation_id(self) -> int | None:
        return self.organisation_id
