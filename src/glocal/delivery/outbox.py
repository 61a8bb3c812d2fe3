"""Sending a delivery to its recipients, safely (deliveries are made by services.send).

1. `queue(delivery)` runs after the sender's transaction commits: a delivery to an audience of
   subscribers is queued for `plan`; one with its recipients already written goes to `send`.
2. `plan` writes one OutboxMessage per matching confirmed subscriber, in chunks, holding the
   planner's lease; running it again adds nothing twice (a unique constraint). Then it queues
   a few `send` tasks.
3. `send` claims a batch of pending messages under a new claim token (SELECT … FOR UPDATE SKIP
   LOCKED on PostgreSQL, so several workers share a delivery without sending anything twice),
   commits, sends the batch over one SMTP connection, and records each result only while the
   claim is still its own. The claim is renewed every third of OUTBOX_STALE_SECONDS while the
   batch is sent (and the SMTP timeout is that third too), so a slow relay never lets a living
   sender's claim go stale. A worker killed mid-batch leaves its claim behind; once stale it is
   taken again, so at most that one batch goes out twice. Temporary failures are logged, wait
   and retry with backoff; refused addresses fail at once; a success clears the last error.
4. `sweep()` runs in every worker every OUTBOX_SWEEP_SECONDS (and when it starts): a delivery
   whose planner stopped renewing its lease, or whose messages nobody holds a live claim on, is
   queued again. So a living worker resumes a stalled delivery within OUTBOX_STALE_SECONDS +
   OUTBOX_SWEEP_SECONDS.
"""

import logging
import smtplib
import time
import uuid
from datetime import timedelta
from email.utils import formatdate, parseaddr
from functools import cache

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from glocal.delivery.mail import Mail, links
from glocal.delivery.models import Delivery, DeliveryContent, OutboxMessage, Subscriber
from glocal.delivery.subscriptions import token_for_pk

Status = OutboxMessage.Status
log = logging.getLogger(__name__)


def _stale_before():
    return timezone.now() - timedelta(seconds=settings.OUTBOX_STALE_SECONDS)


def queue(delivery: Delivery) -> None:
    """After the commit, plan the delivery (an audience of subscribers) or send it."""
    from glocal.delivery import tasks

    if delivery.status == Delivery.Status.PLANNING:
        transaction.on_commit(lambda: tasks.plan_delivery.enqueue(delivery.pk))
    else:
        transaction.on_commit(lambda: queue_senders(delivery.pk))


def add_recipients(delivery: Delivery, recipients) -> None:
    """Write the given recipients (one message per address) and make the delivery ready."""
    OutboxMessage.objects.bulk_create(
        (
            OutboxMessage(
                delivery=delivery,
                address=r.address,
                language=r.language,
                unsubscribe_url=r.unsubscribe_url,
                manage_url=r.manage_url,
            )
            for r in recipients
        ),
        batch_size=2000,
        ignore_conflicts=True,
    )
    delivery.total = delivery.messages.count()
    delivery.status = Delivery.Status.SENDING
    Delivery.objects.filter(pk=delivery.pk).update(total=delivery.total, status=delivery.status)


def subscribers(owner_id: int, audience: dict):
    """Confirmed subscribers of the organisation whose area and categories match."""
    matching = Subscriber.objects.filter(
        owner_id=owner_id, prefecture_id=audience["prefecture"], confirmed_at__isnull=False
    ).filter(Q(categories="") | Q(categories__has=audience["category"]))
    places = audience.get("municipalities") or []
    if places:  # subscribers of the whole prefecture, or of one of these municipalities
        wanted = Subscriber.municipalities.through.objects.filter(
            localgovernment_id__in=places
        ).values("subscriber_id")
        matching = matching.filter(Q(municipalities=None) | Q(pk__in=wanted))
    return matching.distinct()


def _subscriber_message(delivery_id: int, pk: int, email: str, language: str) -> OutboxMessage:
    addresses = links(token_for_pk(pk))
    return OutboxMessage(
        delivery_id=delivery_id,
        address=email,
        language=language,
        unsubscribe_url=addresses["unsubscribe"],
        manage_url=addresses["manage"],
    )


def forget(owner_id: int, address: str) -> None:
    """Take a subscriber's address out of the organisation's outbox (they left)."""
    OutboxMessage.objects.filter(delivery__owner_id=owner_id, address__iexact=address).delete()


def plan(delivery_id: int) -> None:
    """Write the delivery's outbox rows, holding the planner's lease (renewed after each chunk);
    a planner whose lease was taken over by another worker stops."""
    lease = uuid.uuid4().hex
    unleased = Q(planner_seen_at__isnull=True) | Q(planner_seen_at__lt=_stale_before())
    taken = Delivery.objects.filter(
        unleased, pk=delivery_id, status=Delivery.Status.PLANNING
    ).update(planner=lease, planner_seen_at=timezone.now())
    if not taken:  # done already, or another living planner holds it
        return
    delivery = Delivery.objects.get(pk=delivery_id)
    mine = Delivery.objects.filter(pk=delivery_id, planner=lease, status=Delivery.Status.PLANNING)
    found = (
        subscribers(delivery.owner_id, delivery.audience)
        if delivery.audience  # else the recipients were written with the delivery
        else Subscriber.objects.none()
    )
    rows = found.order_by("pk").values_list("pk", "email", "language")
    size = settings.OUTBOX_PLAN_CHUNK
    chunk = []
    for pk, email, language in rows.iterator(chunk_size=size):
        chunk.append(_subscriber_message(delivery.pk, pk, email, language))
        if len(chunk) == size:
            OutboxMessage.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
            if not mine.update(planner_seen_at=timezone.now()):
                return  # our lease went stale and another worker plans now
    OutboxMessage.objects.bulk_create(chunk, ignore_conflicts=True)
    with transaction.atomic():
        total = delivery.messages.count()
        if mine.update(total=total, status=Delivery.Status.SENDING, planner_seen_at=timezone.now()):
            transaction.on_commit(lambda: queue_senders(delivery_id))


def queue_senders(delivery_id: int) -> None:
    from glocal.delivery import tasks

    for _ in range(settings.OUTBOX_SENDERS):
        tasks.send_delivery.enqueue(delivery_id)


def _claim(delivery_id: int) -> tuple[str, list[int]]:
    """Take a batch of messages for this worker, mark them as being sent under a new claim."""
    now = timezone.now()
    claim = uuid.uuid4().hex
    ready = Q(status=Status.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=Status.SENDING, claimed_at__lt=_stale_before())
    with transaction.atomic():
        rows = OutboxMessage.objects.filter(Q(delivery_id=delivery_id) & (ready | abandoned))
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.order_by("pk").values_list("pk", flat=True)[: settings.OUTBOX_BATCH])
        if ids:
            OutboxMessage.objects.filter(pk__in=ids).update(
                status=Status.SENDING, claimed_at=now, claim=claim
            )
    return claim, ids


class _Claim:
    """A batch being sent. Renewed every third of OUTBOX_STALE_SECONDS (the SMTP timeout is
    that third too), so a slow relay never lets the claim go stale while its sender lives; if
    another worker took some messages anyway, they are dropped from this batch."""

    def __init__(self, claim: str, ids: list[int]):
        self.claim = claim
        self.ids = set(ids)
        self.every = settings.OUTBOX_STALE_SECONDS / 3
        self.renewed = time.monotonic()

    def still_mine(self, pk: int) -> bool:
        if time.monotonic() - self.renewed >= self.every:
            self.renew()
        return pk in self.ids

    def renew(self) -> None:
        mine = OutboxMessage.objects.filter(
            pk__in=self.ids, claim=self.claim, status=Status.SENDING
        )
        if mine.update(claimed_at=timezone.now()) < len(self.ids):
            self.ids = set(mine.values_list("pk", flat=True))
        self.renewed = time.monotonic()


def _permanent(error: Exception) -> bool:
    """Refused addresses (5xx) will not get better by waiting."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _describe(error: Exception) -> str:
    """What went wrong, without the address (reports show this to staff)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{code} {reply.decode(errors='replace')}" for code, reply in error.recipients.values()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {error.smtp_error.decode(errors='replace')}"
    return f"{type(error).__name__}: {error}"


def _send(backend, mail: Mail, message: OutboxMessage, date: str) -> None:
    """Over SMTP, the message bytes go straight to smtplib; other backends (the mailbox folder,
    tests) take the EmailMessage."""
    if isinstance(backend, SmtpBackend):
        if backend.connection is None:  # dropped after an error: connect again
            backend.open()
        try:
            backend.connection.sendmail(
                backend_sender(), [message.address], mail.raw(message, date)
            )
        except smtplib.SMTPServerDisconnected:
            backend.connection = None
            raise
        return
    backend.send_messages([mail.message(message)])


def backend_sender() -> str:
    # Parsed once per setting, not once per message of a large delivery.
    return _envelope_sender(settings.DEFAULT_FROM_EMAIL)


@cache
def _envelope_sender(from_email: str) -> str:
    return parseaddr(from_email)[1]


def send(delivery_id: int) -> int:
    """Send batches until none is left to claim; return how many were sent here."""
    delivery = Delivery.objects.get(pk=delivery_id)
    mails = _mails(delivery)
    sent_here = 0
    while True:
        claim, ids = _claim(delivery_id)
        if not ids:
            break
        reached, (sent, retry, failed) = _send_batch(delivery, _Claim(claim, ids), mails)
        _record(delivery_id, claim, sent, retry, failed)
        sent_here += len(sent)
        if not reached:  # the mail server is away: later
            break
    _finish_if_done(delivery_id)
    return sent_here


def _mails(delivery: Delivery) -> dict[str, Mail]:
    contents = DeliveryContent.objects.filter(delivery=delivery).prefetch_related("attachments")
    return {c.language: Mail(c) for c in contents}


def _mail_for(delivery: Delivery, language: str, mails: dict[str, Mail]) -> Mail:
    """The recipient's language, else the first fallback there is a message in, else any."""
    for tag in (language, *delivery.fallbacks):
        if tag in mails:
            return mails[tag]
    return next(iter(mails.values()))


def _send_batch(delivery, claim: _Claim, mails: dict):
    """Send the claimed messages over one connection: whether the server answered, and
    (sent, retry, failed)."""
    batch = OutboxMessage.objects.filter(pk__in=claim.ids)
    sent, retry, failed = [], [], []
    date = formatdate(localtime=True)
    # A relay that hangs times out before the claim could go stale (see _Claim).
    backend = get_connection(timeout=settings.OUTBOX_STALE_SECONDS / 3)
    try:
        backend.open()
    except (smtplib.SMTPException, OSError) as error:
        log.warning(
            "Delivery %s: cannot reach the mail server, %s messages wait: %s",
            delivery.pk, len(claim.ids), _describe(error),
        )  # fmt: skip
        return False, ([], [(m.pk, m.attempts, _describe(error)) for m in batch], [])
    try:
        for message in batch:
            if not claim.still_mine(message.pk):
                continue  # taken over by another worker: theirs to send
            try:
                _send(backend, _mail_for(delivery, message.language, mails), message, date)
            except (smtplib.SMTPException, OSError) as error:
                final = _permanent(error) or message.attempts + 1 >= settings.OUTBOX_MAX_ATTEMPTS
                if not final:
                    log.warning(
                        "Delivery %s: message %s failed for now (attempt %s), retried: %s",
                        delivery.pk, message.pk, message.attempts + 1, _describe(error),
                    )  # fmt: skip
                (failed if final else retry).append(
                    (message.pk, message.attempts, _describe(error))
                )
            else:
                sent.append(message.pk)
    finally:
        backend.close()
    return True, (sent, retry, failed)


def _record(delivery_id, claim: str, sent, retry, failed) -> None:
    """Write the results of the messages still under this claim (another worker may have
    taken some over); the delivery's counts come from the rows, so they never exceed them."""
    now = timezone.now()
    mine = OutboxMessage.objects.filter(claim=claim, status=Status.SENDING)
    with transaction.atomic():
        done = mine.filter(pk__in=sent).update(
            status=Status.SENT, sent_at=now, attempts=F("attempts") + 1, error=""
        )
        given_up = 0
        for pk, attempts, error in retry:
            mine.filter(pk=pk).update(
                status=Status.PENDING,
                attempts=attempts + 1,
                next_attempt_at=now + timedelta(seconds=30 * 2**attempts),
                error=error[:300],
            )
        for pk, attempts, error in failed:
            given_up += mine.filter(pk=pk).update(
                status=Status.FAILED, attempts=attempts + 1, error=error[:300]
            )
        Delivery.objects.filter(pk=delivery_id).update(
            sent=F("sent") + done, failed=F("failed") + given_up
        )
    if retry:
        from glocal.delivery import tasks

        later = now + timedelta(seconds=30 * 2 ** min(a for _, a, _ in retry))
        tasks.send_delivery.using(run_after=later).enqueue(delivery_id)


def _finish_if_done(delivery_id: int) -> None:
    """Mark the delivery done, or, when only other workers' claims are left, look again once
    they could have gone stale (their worker may have died)."""
    open_ = OutboxMessage.objects.filter(
        delivery_id=delivery_id, status__in=[Status.PENDING, Status.SENDING]
    )
    if not open_.exists():
        done = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.DONE, finished_at=timezone.now()
        )
        if done:  # this worker finished it: tell its sender, once
            _announce(delivery_id)
    elif not open_.filter(status=Status.PENDING).exists():
        from glocal.delivery import tasks

        later = timezone.now() + timedelta(seconds=settings.OUTBOX_STALE_SECONDS + 1)
        tasks.send_delivery.using(run_after=later).enqueue(delivery_id)


def _announce(delivery_id: int) -> None:
    from glocal.delivery.services import finished

    delivery = Delivery.objects.get(pk=delivery_id)
    for receiver, result in finished.send_robust(sender=Delivery, delivery=delivery):
        if isinstance(result, Exception):
            log.error("Delivery %s: %s failed on finishing", delivery_id, receiver, exc_info=result)


def sweep() -> int:
    """Queue the work of every delivery nobody is working on: planning whose lease went stale
    (or never started), and sending with no live claim while messages wait or claims are stale.
    Every worker runs this periodically; queueing twice is harmless (a planner needs the lease,
    a sender finds nothing to claim). Returns how many deliveries were queued."""
    from glocal.delivery import tasks

    stale = _stale_before()
    now = timezone.now()
    plans = Delivery.objects.filter(status=Delivery.Status.PLANNING).filter(
        Q(planner_seen_at__lt=stale) | Q(planner_seen_at__isnull=True, created_at__lt=stale)
    )
    live = OutboxMessage.objects.filter(status=Status.SENDING, claimed_at__gte=stale)
    waiting = OutboxMessage.objects.filter(
        Q(status=Status.PENDING, next_attempt_at__isnull=True)
        | Q(status=Status.PENDING, next_attempt_at__lte=now)
        | Q(status=Status.SENDING, claimed_at__lt=stale)
    )
    open_ = OutboxMessage.objects.filter(status__in=[Status.PENDING, Status.SENDING])
    sends = (
        Delivery.objects.filter(status=Delivery.Status.SENDING)
        .exclude(pk__in=live.values("delivery_id"))
        .filter(Q(pk__in=waiting.values("delivery_id")) | ~Q(pk__in=open_.values("delivery_id")))
    )
    # Both lists first: a plan queued here may run at once (immediate tasks) and start sending.
    stalled_plans = list(plans.values_list("pk", flat=True))
    stalled_sends = list(sends.values_list("pk", flat=True))
    for delivery_id in stalled_plans:
        tasks.plan_delivery.enqueue(delivery_id)
    for delivery_id in stalled_sends:
        tasks.send_delivery.enqueue(delivery_id)
    queued = len(stalled_plans) + len(stalled_sends)
    if queued:
        log.warning("Resumed %s stalled deliveries.", queued)
    return queued
