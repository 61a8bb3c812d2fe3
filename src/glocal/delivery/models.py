"""Subscribers and the outbox: who gets which notice, and what happened to each message."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from glocal.core.fields import CodeSetField
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
    categories = CodeSetField(_("categories"), max_length=400)  # none: every category
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


class Delivery(models.Model):
    """One sending of mail by an organisation, about one thing (its source: a notice version, a
    reply, an event ticket…), to its recipients, each in their language. Made through
    `glocal.delivery.services.send`; see `glocal.delivery.outbox` for how it goes out."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("Finding subscribers")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Done")

    # None: the platform itself (trade alerts on public restrictions belong to no organisation).
    owner = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sender"),
    )
    # What it is about, named by the app that sent it ("notices.notice", 12) and, within that,
    # what kind of sending this is ("alert", "update", "reply"…): the source's own vocabulary.
    source_kind = models.CharField(max_length=40)
    source_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=16, blank=True)
    label = models.CharField(_("about"), max_length=200, blank=True)
    # Sending the same source with the same key again starts nothing (publishing twice).
    key = models.CharField(max_length=100, blank=True)
    # Subscribers to find in the background (see services.Subscribers), or None when the
    # recipients were given with the delivery.
    audience = models.JSONField(null=True, blank=True)
    # The languages to use, in order, for a recipient whose own language has no message.
    fallbacks = models.JSONField(default=list, blank=True)
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
        constraints = [
            models.UniqueConstraint(
                fields=["source_kind", "source_id", "key"],
                condition=~models.Q(key=""),
                name="one_delivery_per_source_key",
            )
        ]
        indexes = [models.Index(fields=["source_kind", "source_id"], name="delivery_by_source")]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return self.label or f"{self.source_kind} #{self.source_id}"


class DeliveryContent(models.Model):
    """The message of a delivery in one language. `footer` follows the text in every copy,
    with {manage_url} and {unsubscribe_url} replaced by the recipient's own links."""

    delivery = models.ForeignKey(Delivery, models.CASCADE, related_name="contents")
    language = models.CharField(max_length=16)
    # The language the text is written in, when it is a stand-in (Easy Japanese for Nepali
    # readers until a Nepali text exists); sent as Content-Language.
    written_in = models.CharField(max_length=16, blank=True)
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField(blank=True)
    footer = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "language"], name="one_content_per_language"
            )
        ]
        verbose_name = _("delivery content")
        verbose_name_plural = _("delivery contents")

    def __str__(self) -> str:
        return f"{self.language}: {self.subject}"


class DeliveryAttachment(models.Model):
    """A file attached to every copy of a delivery's message in one language (a ticket's QR
    code, an event's .ics). Meant for deliveries to one person or a few: the bytes are stored
    once per language, not per recipient."""

    content = models.ForeignKey(DeliveryContent, models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=100)
    mimetype = models.CharField(max_length=100)
    data = models.BinaryField()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery attachment")
        verbose_name_plural = _("delivery attachments")

    def __str__(self) -> str:
        return self.filename


class OutboxMessage(models.Model):
    """One e-mail to one recipient. Workers claim pending rows in batches (SKIP LOCKED on
    PostgreSQL); a claim left by a killed worker goes stale and is taken again. The address is
    personal data: a subscriber who leaves takes it out of the outbox too (outbox.forget)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    delivery = models.ForeignKey(Delivery, models.CASCADE, related_name="messages")
    address = models.EmailField(max_length=254)
    language = models.CharField(max_length=16)
    # RFC 8058 one-click unsubscribe (List-Unsubscribe), when the source allows leaving.
    unsubscribe_url = models.CharField(max_length=500, blank=True)
    manage_url = models.CharField(max_length=500, blank=True)
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
            models.UniqueConstraint(fields=["delivery", "address"], name="one_message_per_address")
        ]
        indexes = [models.Index(fields=["delivery", "status"], name="outbox_by_status")]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")

    def __str__(self) -> str:
        return f"message #{self.pk} ({self.status})"
