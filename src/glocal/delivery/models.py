"""Subscribers and the outbox: who gets which notice, and what happened to each message."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models.tenancy import OwnedModel


class Subscriber(OwnedModel):
    """A resident who gets an organisation's notices by e-mail. Personal data: reads are
    audited, and unsubscribing deletes the row (the address with it)."""

    sensitive = True
    audit_exclude = ("email",)

    # As the resident typed it, with the domain in lower case (see subscriptions.normalise):
    # compared in any letter case, so one mailbox is one subscriber of an organisation.
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=16)
    prefecture = models.ForeignKey(
        "places.LocalGovernment", models.PROTECT, related_name="+", verbose_name=_("prefecture")
    )
    # Empty: the whole prefecture.
    municipalities = models.ManyToManyField(
        "places.LocalGovernment", blank=True, related_name="+", verbose_name=_("municipalities")
    )
    # ",earthquake,heat," — empty for every category. A string, so that any database filters it.
    categories = models.CharField(_("categories"), max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "owner", Lower("email"), name="one_subscription_per_address_any_case"
            )
        ]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return f"subscriber #{self.pk}"

    @property
    def category_list(self) -> list[str]:
        return [c for c in self.categories.split(",") if c]

    def set_categories(self, categories) -> None:
        chosen = sorted(set(categories))
        self.categories = f",{','.join(chosen)}," if chosen else ""


class ConfirmationCounter(models.Model):
    """How many confirmation mails went to one address, or were asked for from one client
    address, in the current window. In the database, not in a per-process cache, so that every
    web worker counts against the same limit. `key` is a keyed hash: no address is stored."""

    key = models.CharField(max_length=64, unique=True)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.count} since {self.window_start:%H:%M}"


class Delivery(models.Model):
    """Sending one version of a notice (published, updated or cancelled) to its subscribers."""

    class Kind(models.TextChoices):
        ALERT = "alert", _("Published")
        UPDATE = "update", _("Updated")
        CANCEL = "cancel", _("Cancelled")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Finding subscribers")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Done")

    notice = models.ForeignKey("notices.Notice", models.CASCADE, related_name="deliveries")
    version = models.ForeignKey("notices.NoticeVersion", models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNING)
    total = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The planner's lease: whoever plans renews `planner_seen_at` after each chunk; a lease older
    # than OUTBOX_STALE_SECONDS belongs to a dead worker, and the sweep hands it to another.
    planner = models.CharField(max_length=32, blank=True)
    planner_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["version", "kind"], name="one_delivery_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.notice}"


class OutboxMessage(models.Model):
    """One e-mail to one subscriber. Workers claim pending rows in batches (SKIP LOCKED on
    PostgreSQL); a claim left by a killed worker goes stale and is taken again."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    delivery = models.ForeignKey(Delivery, models.CASCADE, related_name="messages")
    subscriber = models.ForeignKey(Subscriber, models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Which claim this is: a sender records a result only while the claim is still its own.
    claim = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "subscriber"], name="one_message_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["delivery", "status"], name="outbox_by_status")]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")

    def __str__(self) -> str:
        return f"message #{self.pk} ({self.status})"
