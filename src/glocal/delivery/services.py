"""Delivery's public API: the platform's one way to send e-mail, to one person or to a hundred
thousand, and what other apps may know about subscribers and deliveries.

    from glocal.delivery import services as delivery

    delivery.send(
        organisation,
        delivery.Source("consultation.reply", reply.pk, label="Reply to #12", kind="reply"),
        recipients=[delivery.Recipient("ana@example.com", "pt")],
        messages={"pt": delivery.Message("Resposta", "…"), "ja": delivery.Message("回答", "…")},
        fallbacks=("ja",),
    )

`send` records the delivery and its recipients in the caller's transaction and queues the
sending for after the commit (nothing goes out if the caller's transaction rolls back). Each
recipient gets the message in their language, else in the first of `fallbacks` that has one.
Recipients with an `unsubscribe_url` get RFC 8058 one-click unsubscribe headers; a message's
`footer` may use {unsubscribe_url} and {manage_url}. Sending a source again with the same
`key` returns the first delivery and sends nothing. A message's `attachments` go with every copy
(keep them for deliveries to one person or a few). When the last message of a delivery is sent
or has failed, `finished` is sent (with `delivery`), and `failed_addresses(delivery)` says who
was not reached. The outbox's guarantees (batches claimed
with SKIP LOCKED, retries with backoff, claims renewed while sending, stale claims and stalled
deliveries taken over by living workers) are described in glocal.delivery.outbox.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.dispatch import Signal

from glocal.delivery import outbox
from glocal.delivery.models import (
    Delivery,
    DeliveryAttachment,
    DeliveryContent,
    OutboxMessage,
    Subscriber,
)
from glocal.orgs import scoping
from glocal.orgs.actors import Actor, acting_as
from glocal.orgs.models import Role


@dataclass(frozen=True)
class Source:
    """What a delivery is about: `kind` names the model ("app.model"), `id` the record."""

    kind: str
    id: int
    label: str = ""
    purpose: str = ""  # the source's own word for this sending: "alert", "reply"…
    key: str = ""  # sending the same source with the same key again sends nothing


@dataclass(frozen=True)
class Recipient:
    address: str
    language: str
    unsubscribe_url: str = ""
    manage_url: str = ""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str = ""
    footer: str = ""
    written_in: str = ""  # when the text is in another language than the one it stands for
    attachments: tuple[Attachment, ...] = ()


# Sent by the outbox (with `delivery`) once no message of the delivery is waiting any more.
# Receivers must not fail the sender: errors are logged (send_robust).
finished = Signal()


@dataclass(frozen=True)
class Subscribers:
    """The organisation's confirmed subscribers of an area and category, found by a worker
    after the commit (a large audience is never written inside the caller's request)."""

    prefecture_id: int
    category: str
    municipality_ids: list[int] = field(default_factory=list)


def send(
    organisation,
    source: Source,
    recipients: Iterable[Recipient] | Subscribers,
    messages: dict[str, Message],
    fallbacks: Iterable[str] = (),
) -> Delivery:
    """Record a delivery and queue its sending on commit; see the module's docstring."""
    if not messages:
        raise ValueError("A delivery needs a message in at least one language.")
    with transaction.atomic():
        if source.key:
            earlier = Delivery.objects.filter(
                source_kind=source.kind, source_id=source.id, key=source.key
            ).first()
            if earlier is not None:
                return earlier
        audience = recipients if isinstance(recipients, Subscribers) else None
        try:
            with transaction.atomic():  # another request sending the same key at this moment
                delivery = Delivery.objects.create(
                    owner=organisation,
                    source_kind=source.kind,
                    source_id=source.id,
                    kind=source.purpose,
                    label=source.label[:200],
                    key=source.key,
                    audience=_audience(audience) if audience else None,
                    fallbacks=list(fallbacks),
                )
        except IntegrityError:
            return Delivery.objects.get(
                source_kind=source.kind, source_id=source.id, key=source.key
            )
        for language, message in messages.items():
            content = DeliveryContent.objects.create(
                delivery=delivery,
                language=language,
                written_in=message.written_in,
                subject=message.subject[:200],
                text=message.text,
                html=message.html,
                footer=message.footer,
            )
            DeliveryAttachment.objects.bulk_create(
                DeliveryAttachment(
                    content=content,
                    filename=a.filename[:100],
                    mimetype=a.mimetype[:100],
                    data=bytes(a.content),
                )
                for a in message.attachments
            )
        if audience is None:
            outbox.add_recipients(delivery, recipients)
    outbox.queue(delivery)
    return delivery


def failed_addresses(delivery: Delivery) -> list[str]:
    """The addresses of a delivery's messages that failed for good (for its sender's report)."""
    return list(
        OutboxMessage.objects.filter(
            delivery=delivery, status=OutboxMessage.Status.FAILED
        ).values_list("address", flat=True)
    )


def _audience(subscribers: Subscribers) -> dict:
    return {
        "prefecture": subscribers.prefecture_id,
        "category": subscribers.category,
        "municipalities": list(subscribers.municipality_ids),
    }


def subscriber_count(organisation) -> int:
    """How many confirmed subscribers the organisation has (never who)."""
    return Subscriber.objects.filter(owner=organisation, confirmed_at__isnull=False).count()


def remove_subscriber(actor: Actor, organisation, address: str) -> bool:
    """An administrator deletes a resident's subscription on request, the address with it
    (from the outbox too); audited. Whether there was one."""
    scoping.require(actor, organisation.pk, Role.ADMIN)
    address = address.strip()
    if not address:
        return False
    with transaction.atomic(), acting_as(actor):
        found = list(Subscriber.objects.filter(owner=organisation, email__iexact=address))
        for subscriber in found:
            subscriber.delete()
        outbox.forget(organisation.pk, address)
    return bool(found)


@dataclass(frozen=True)
class DeliveryReport:
    deliveries: list
    failures: QuerySet  # failed messages, newest first, without their addresses
    delivering: bool


def delivery_report(organisation, source_kind: str, source_id: int) -> DeliveryReport:
    """The deliveries of one source of the organisation, and their failed messages."""
    deliveries = list(
        Delivery.objects.filter(
            owner=organisation, source_kind=source_kind, source_id=source_id
        ).order_by("-created_at")
    )
    failures = (
        OutboxMessage.objects.filter(
            delivery__in=[d.pk for d in deliveries], status=OutboxMessage.Status.FAILED
        )
        .defer("address", "unsubscribe_url", "manage_url")
        .order_by("-pk")[:50]
    )
    delivering = any(d.status != Delivery.Status.DONE for d in deliveries)
    return DeliveryReport(deliveries, failures, delivering)


__all__ = [
    "Attachment",
    "DeliveryReport",
    "Message",
    "Recipient",
    "Source",
    "Subscribers",
    "delivery_report",
    "failed_addresses",
    "finished",
    "remove_subscriber",
    "send",
    "subscriber_count",
]
