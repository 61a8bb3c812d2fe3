"""Cases, and apart from them the resident's identity and the messages exchanged.

Statistics read `Case` only. Who the resident is (`Resident`) and what was written to them
(`Message`) live in their own tables, are audited on every read and are erased by the retention
purge, which leaves the case itself, anonymised, for the statistics.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.desk.vocabulary import AgeBand, Channel, Gender, Interpretation, ResidenceStatus, Status
from glocal.orgs.models.tenancy import AuditedModel


class Topic(AuditedModel):
    """A topic of consultation. Platform defaults have no owner; an organisation adds its own."""

    owner = models.ForeignKey(
        "orgs.Organisation", models.CASCADE, null=True, blank=True, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=80)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "code"], name="one_desk_topic_per_code"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(owner=None), name="one_default_desk_topic"
            ),
        ]
        ordering = ["position", "code"]
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")

    def __str__(self) -> str:
        return self.name


class ReferralAgency(AuditedModel):
    """An agency the desk refers residents to: 入管, ハローワーク, 法テラス, a hospital."""

    owner = models.ForeignKey("orgs.Organisation", models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=80, blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="one_referral_agency_per_name")
        ]
        ordering = ["name"]
        verbose_name = _("referral agency")
        verbose_name_plural = _("referral agencies")

    def __str__(self) -> str:
        return self.name


class Case(AuditedModel):
    """One consultation. Private to the desk of the organisation that owns it; never public."""

    # Free text may name people: the audit log records that it changed, not what it says.
    audit_exclude = ("summary", "actions")

    owner = models.ForeignKey("orgs.Organisation", models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("received at"))
    # The day in Japan it was received: what monthly and fiscal-year counts group by.
    received_on = models.DateField(_("received on"))
    # Its first day: months are counted by plain GROUP BY, without date functions per row.
    received_month = models.DateField(editable=False)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=35)  # BCP 47
    interpretation = models.CharField(
        _("interpretation"),
        max_length=10,
        choices=Interpretation.choices,
        default=Interpretation.NONE,
    )
    topics = models.ManyToManyField(Topic, related_name="cases", verbose_name=_("topics"))
    nationality = models.ForeignKey(
        "places.Country", models.PROTECT, null=True, blank=True, related_name="+"
    )
    residence_status = models.CharField(
        _("residence status"), max_length=24, choices=ResidenceStatus.choices, blank=True
    )
    municipality = models.ForeignKey(
        "places.LocalGovernment", models.PROTECT, null=True, blank=True, related_name="+"
    )
    age_band = models.CharField(_("age"), max_length=5, choices=AgeBand.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=10_000)
    actions = models.TextField(_("actions taken"), blank=True, max_length=10_000)
    referrals = models.ManyToManyField(
        ReferralAgency, blank=True, related_name="cases", verbose_name=_("referred to")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default="open")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    minutes = models.PositiveIntegerField(_("minutes spent"), null=True, blank=True)
    first_reply_at = models.DateTimeField(_("first reply"), null=True, blank=True)
    # A digest of the imported row: importing the same file again finds the same case.
    import_key = models.CharField(max_length=64, blank=True, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "received_on"], name="desk_case_owner_day"),
            models.Index(fields=["owner", "status"], name="desk_case_owner_status"),
            models.Index(fields=["owner", "import_key"], name="desk_case_owner_import"),
        ]
        verbose_name = _("consultation case")
        verbose_name_plural = _("consultation cases")

    def __str__(self) -> str:
        return f"#{self.pk} {self.received_on}"


class Resident(AuditedModel):
    """Who asked and how to reach them: optional, apart from the case, audited on every read,
    erased on request or by the retention purge."""

    sensitive = True
    audit_exclude = ("name", "email", "phone", "address", "notes")

    case = models.OneToOneField(Case, models.CASCADE, related_name="resident")
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    notes = models.CharField(_("notes"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("resident's details")
        verbose_name_plural = _("residents' details")

    def __str__(self) -> str:
        return f"resident of case #{self.case_id}"

    def audit_organisation_id(self) -> int | None:
        return self.case.owner_id


class Message(AuditedModel):
    """The thread with the resident: what they wrote and the replies sent to them."""

    class Direction(models.TextChoices):
        IN = "in", _("From the resident")
        OUT = "out", _("To the resident")

    class Delivery(models.TextChoices):
        RECEIVED = "received", _("Received")
        QUEUED = "queued", _("Waiting for the outbox")
        SENT = "sent", _("Handed to the outbox")

    sensitive = True
    audit_exclude = ("body", "address")

    case = models.ForeignKey(Case, models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    language = models.CharField(_("language"), max_length=35)
    address = models.EmailField(max_length=254, blank=True)
    body = models.TextField(_("message"), max_length=10_000)
    answer = models.ForeignKey(
        "desk.CannedAnswer", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    delivery = models.CharField(max_length=8, choices=Delivery.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("desk message")
        verbose_name_plural = _("desk messages")

    def __str__(self) -> str:
        return f"{self.direction} case #{self.case_id}"

    def audit_organisation_id(self) -> int | None:
        return self.case.owner_id
