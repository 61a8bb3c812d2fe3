"""Events and programmes: seminars, study tours, receptions, drills and Japanese classes, with
their registrations, check-ins and outcomes.

Registrations are personal data: private to the event's co-hosts, reads audited, kept apart from
the statistics (which count rows, never copy names).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import AuditedModel, OwnedModel


class Kind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    STUDY_TOUR = "study_tour", _("Study tour")
    RECEPTION = "reception", _("Reception")
    FORUM = "forum", _("Forum")
    EXPO_BOOTH = "expo_booth", _("Expo booth")
    PROMOTION_ABROAD = "promotion_abroad", _("Promotion event abroad")
    DELEGATION_VISIT = "delegation_visit", _("Delegation visit")
    DISASTER_DRILL = "disaster_drill", _("Disaster drill")
    CULTURAL = "cultural", _("Cultural event")
    JAPANESE_CLASS = "japanese_class", _("Japanese-class series")


# Kinds that count as exchange events with partners abroad in the plan indicators: drills and
# Japanese classes serve residents and have indicators of their own.
EXCHANGE_KINDS = (
    Kind.SEMINAR,
    Kind.STUDY_TOUR,
    Kind.RECEPTION,
    Kind.FORUM,
    Kind.EXPO_BOOTH,
    Kind.PROMOTION_ABROAD,
    Kind.DELEGATION_VISIT,
    Kind.CULTURAL,
)


class Event(OwnedModel):
    """One event. `is_public` events take registrations from anyone; the others only through
    personal invitation links. Times are stored in UTC and shown in the event's own zone."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Content language tag → text; Japanese ("ja") is required.
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    cohosts = models.ManyToManyField(
        "orgs.Organisation", blank=True, related_name="+", verbose_name=_("co-hosts")
    )
    # Co-hosts that are not on the platform (a foreign ministry, an embassy), as written.
    cohost_names = models.JSONField(_("other co-hosts"), default=list, blank=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_local_government = models.ForeignKey(
        "places.LocalGovernment",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality of the venue"),
    )
    venue_country = models.ForeignKey(
        "places.Country",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of a venue abroad"),
    )
    timezone = models.CharField(_("time zone"), max_length=64, default="Asia/Tokyo")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # None: no limit.
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    waiting_list = models.BooleanField(_("waiting list"), default=True)
    # The event's own questions: [{"key", "label": {tag: text}, "type": text|yesno|choice,
    # "choices": [...], "required": bool}].
    questions = models.JSONField(_("questions"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    affiliations = models.ManyToManyField(
        "partners.Affiliation", blank=True, related_name="+", verbose_name=_("affiliations")
    )
    plan_nodes = models.ManyToManyField(
        "plans.Node", blank=True, related_name="+", verbose_name=_("plan measures")
    )
    # Outcomes, entered after the event.
    media_links = models.JSONField(_("media coverage"), default=list, blank=True)
    negotiations = models.PositiveIntegerField(_("business negotiations"), default=0)
    contracts = models.PositiveIntegerField(_("contracts"), default=0)
    contract_value_yen = models.PositiveBigIntegerField(_("contract value (yen)"), default=0)
    # Attendance counted by hand where nobody registered (expo booths, walk-in drills).
    walk_ins = models.PositiveIntegerField(_("participants without registration"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title_in("ja")

    def title_in(self, tag: str) -> str:
        return self.title.get(tag) or self.title.get("ja") or next(iter(self.title.values()), "")

    def description_in(self, tag: str) -> str:
        return self.description.get(tag) or self.description.get("ja", "")


class Session(AuditedModel):
    """A part of an event's timetable (a sectional meeting), or one weekly lesson of a
    Japanese-class series."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="sessions")
    title = models.JSONField(_("title"), default=dict)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title.get("ja") or next(iter(self.title.values()), "")

    def audit_organisation_id(self) -> int | None:
        return self.event.owner_id


class Invitation(AuditedModel):
    """A personal invitation to an invitation-only event; its link carries a signed code."""

    sensitive = True
    event = models.ForeignKey(Event, models.CASCADE, related_name="invitations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    language = models.CharField(_("language"), max_length=16, default="ja")
    expires_at = models.DateTimeField(_("valid until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    def audit_organisation_id(self) -> int | None:
        return self.event.owner_id


class Registration(AuditedModel):
    """A person's place at an event: confirmed, on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    sensitive = True
    event = models.ForeignKey(Event, models.CASCADE, related_name="registrations")
    invitation = models.OneToOneField(
        Invitation, models.SET_NULL, null=True, blank=True, related_name="registration"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    language = models.CharField(_("language"), max_length=16, default="ja")
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=40, blank=True)
    country = models.ForeignKey(
        "places.Country", models.PROTECT, null=True, blank=True, related_name="+"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # The parts of the timetable chosen (sectional meetings); each may have its own capacity.
    sessions = models.ManyToManyField(
        Session, blank=True, related_name="registrations", verbose_name=_("sessions")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"registration {self.pk}"  # no name in the audit log's record column

    def audit_organisation_id(self) -> int | None:
        return self.event.owner_id


class CheckIn(AuditedModel):
    """An arrival. One row per registration (the unique key), so a second scan, a second
    phone or a replayed offline batch never counts the same ticket twice."""

    registration = models.OneToOneField(Registration, models.CASCADE, related_name="check_in")
    event = models.ForeignKey(Event, models.CASCADE, related_name="check_ins")
    scanned_at = models.DateTimeField(_("scanned at"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    device = models.CharField(_("device"), max_length=64, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["scanned_at", "id"]

    def __str__(self) -> str:
        return f"check-in {self.registration_id}"

    def audit_organisation_id(self) -> int | None:
        return self.event.owner_id


class Feedback(models.Model):
    """An anonymous answer to the short questionnaire: ratings 1–5 and a comment."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="feedback")
    language = models.CharField(max_length=16, default="ja")
    ratings = models.JSONField(default=dict)  # question key → 1..5
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"feedback {self.pk}"


class Teacher(AuditedModel):
    """A (usually volunteer) teacher of a Japanese-class series."""

    sensitive = True
    event = models.ForeignKey(Event, models.CASCADE, related_name="teachers")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    volunteer = models.BooleanField(_("volunteer"), default=True)
    trained_on = models.DateField(_("teacher training completed"), null=True, blank=True)

    def __str__(self) -> str:
        return f"teacher {self.pk}"

    def audit_organisation_id(self) -> int | None:
        return self.event.owner_id


class Learner(AuditedModel):
    """A learner of a Japanese-class series; a pseudonym is enough."""

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        ELEMENTARY = "elementary", _("Elementary")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    sensitive = True
    event = models.ForeignKey(Event, models.CASCADE, related_name="learners")
    pseudonym = models.CharField(_("name or pseudonym"), max_length=100)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    country = models.ForeignKey(
        "places.Country", models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pseudonym", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "pseudonym"], name="one_learner_per_name")
        ]

    def __str__(self) -> str:
        return f"learner {self.pk}"

    def audit_organisation_id(self) -> int | None:
        return self.event.owner_id


class Attendance(models.Model):
    """A learner present at one lesson of a series."""

    session = models.ForeignKey(Session, models.CASCADE, related_name="attendance")
    learner = models.ForeignKey(Learner, models.CASCADE, related_name="attendance")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "learner"], name="attended_once")]

    def __str__(self) -> str:
        return f"attendance {self.session_id}/{self.learner_id}"
