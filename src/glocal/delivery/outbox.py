"""Fanning a notice out to its subscribers, safely.

1. `start(notice, kind)` records a Delivery (one per version and kind: publishing twice starts
   nothing) and, after the transaction commits, queues `plan`.
2. `plan` writes one OutboxMessage per matching confirmed subscriber, in chunks; running it
   again adds nothing twice (a unique constraint). Then it queues a few `send` tasks.
3. `send` claims a batch of pending messages (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, so
   several workers share a delivery without sending anything twice), marks it as being sent,
   commits, sends it over one SMTP connection, and records each result. A worker killed
   mid-batch leaves its claim behind; after OUTBOX_STALE_SECONDS the claim is taken again, so at
   most that one batch goes out twice. Temporary failures wait and retry with backoff; refused
   addresses fail at once. `resume()` (run when a worker starts) picks up unfinished deliveries.
"""

import smtplib
from datetime import timedelta
from email.utils import formatdate, parseaddr

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from glocal.delivery.mail import NoticeMail
from glocal.delivery.models import Delivery, OutboxMessage, Subscriber
from glocal.delivery.subscriptions import token_for

PLAN_CHUNK = 2000
Status = OutboxMessage.Status


def start(notice, kind: str) -> Delivery | None:
    """Record a delivery of the notice's current version; queue its planning on commit."""
    from glocal.delivery import tasks

    version = notice.published_version if kind != Delivery.Kind.CANCEL else notice.current_version
    delivery, created = Delivery.objects.get_or_create(notice=notice, version=version, kind=kind)
    if created:
        transaction.on_commit(lambda: tasks.plan_delivery.enqueue(delivery.pk))
    return delivery


def recipients(notice):
    """Confirmed subscribers of the notice's organisation whose area and categories match."""
    matching = Subscriber.objects.filter(
        owner_id=notice.owner_id, prefecture_id=notice.prefecture_id, confirmed_at__isnull=False
    ).filter(Q(categories="") | Q(categories__contains=f",{notice.category},"))
    places = list(notice.municipalities.values_list("pk", flat=True))
    if places:  # subscribers of the whole prefecture, or of one of these municipalities
        wanted = Subscriber.municipalities.through.objects.filter(
            localgovernment_id__in=places
        ).values("subscriber_id")
        matching = matching.filter(Q(municipalities=None) | Q(pk__in=wanted))
    return matching.distinct()


def plan(delivery_id: int) -> None:
    delivery = Delivery.objects.select_related("notice").get(pk=delivery_id)
    if delivery.status != Delivery.Status.PLANNING:
        return
    ids = recipients(delivery.notice).order_by("pk").values_list("pk", flat=True)
    chunk = []
    for subscriber_id in ids.iterator(chunk_size=PLAN_CHUNK):
        chunk.append(OutboxMessage(delivery_id=delivery.pk, subscriber_id=subscriber_id))
        if len(chunk) == PLAN_CHUNK:
            OutboxMessage.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    OutboxMessage.objects.bulk_create(chunk, ignore_conflicts=True)
    total = delivery.messages.count()
    Delivery.objects.filter(pk=delivery.pk).update(total=total, status=Delivery.Status.SENDING)
    queue_senders(delivery.pk)


def queue_senders(delivery_id: int) -> None:
    from glocal.delivery import tasks

    for _ in range(settings.OUTBOX_SENDERS):
        tasks.send_delivery.enqueue(delivery_id)


def _claim(delivery_id: int) -> list[int]:
    """Take a batch of messages for this worker and mark them as being sent."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_STALE_SECONDS)
    ready = Q(status=Status.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=Status.SENDING, claimed_at__lt=stale)
    with transaction.atomic():
        rows = OutboxMessage.objects.filter(Q(delivery_id=delivery_id) & (ready | abandoned))
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.order_by("pk").values_list("pk", flat=True)[: settings.OUTBOX_BATCH])
        if ids:
            OutboxMessage.objects.filter(pk__in=ids).update(status=Status.SENDING, claimed_at=now)
    return ids


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


def _send(backend, mail: NoticeMail, subscriber: Subscriber, date: str) -> None:
    """Over SMTP, the message bytes go straight to smtplib; other backends (the mailbox folder,
    tests) take the EmailMessage."""
    token = token_for(subscriber)
    if isinstance(backend, SmtpBackend):
        if backend.connection is None:  # dropped after an error: connect again
            backend.open()
        try:
            backend.connection.sendmail(
                backend_sender(), [subscriber.email], mail.raw(subscriber.email, token, date)
            )
        except smtplib.SMTPServerDisconnected:
            backend.connection = None
            raise
        return
    backend.send_messages([mail.message(subscriber.email, token)])


def backend_sender() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def send(delivery_id: int) -> int:
    """Send batches until none is left to claim; return how many were sent here."""
    delivery = Delivery.objects.select_related("notice", "version").get(pk=delivery_id)
    notice, version = delivery.notice, delivery.version
    mails: dict[str, NoticeMail] = {}
    sent_here = 0
    while ids := _claim(delivery_id):
        batch = OutboxMessage.objects.filter(pk__in=ids).select_related("subscriber")
        sent, retry, failed = [], [], []
        date = formatdate(localtime=True)
        backend = get_connection()
        try:
            backend.open()
        except (smtplib.SMTPException, OSError) as error:  # the mail server is away: later
            retry = [(message.pk, message.attempts, _describe(error)) for message in batch]
            _record(delivery_id, [], retry, [])
            break
        try:
            for message in batch:
                subscriber = message.subscriber
                mail = mails.get(subscriber.language)
                if mail is None:
                    mail = mails[subscriber.language] = NoticeMail(
                        notice, version, delivery.kind, subscriber.language
                    )
                try:
                    _send(backend, mail, subscriber, date)
                except (smtplib.SMTPException, OSError) as error:
                    final = (
                        _permanent(error) or message.attempts + 1 >= settings.OUTBOX_MAX_ATTEMPTS
                    )
                    (failed if final else retry).append(
                        (message.pk, message.attempts, _describe(error))
                    )
                else:
                    sent.append(message.pk)
        finally:
            backend.close()
        _record(delivery_id, sent, retry, failed)
        sent_here += len(sent)
    _finish_if_done(delivery_id)
    return sent_here


def _record(delivery_id, sent, retry, failed) -> None:
    now = timezone.now()
    with transaction.atomic():
        OutboxMessage.objects.filter(pk__in=sent).update(
            status=Status.SENT, sent_at=now, attempts=F("attempts") + 1
        )
        for pk, attempts, error in retry:
            OutboxMessage.objects.filter(pk=pk).update(
                status=Status.PENDING,
                attempts=attempts + 1,
                next_attempt_at=now + timedelta(seconds=30 * 2**attempts),
                error=error[:300],
            )
        for pk, attempts, error in failed:
            OutboxMessage.objects.filter(pk=pk).update(
                status=Status.FAILED, attempts=attempts + 1, error=error[:300]
            )
        Delivery.objects.filter(pk=delivery_id).update(
            sent=F("sent") + len(sent), failed=F("failed") + len(failed)
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
        Delivery.objects.filter(pk=delivery_id).exclude(status=Delivery.Status.DONE).update(
            status=Delivery.Status.DONE, finished_at=timezone.now()
        )
    elif not open_.filter(status=Status.PENDING).exists():
        from glocal.delivery import tasks

        later = timezone.now() + timedelta(seconds=settings.OUTBOX_STALE_SECONDS + 1)
        tasks.send_delivery.using(run_after=later).enqueue(delivery_id)


def resume() -> int:
    """Queue the work of every unfinished delivery (after a worker was killed)."""
    from glocal.delivery import tasks

    unfinished = Delivery.objects.exclude(status=Delivery.Status.DONE)
    for delivery in unfinished:
        if delivery.status == Delivery.Status.PLANNING:
            tasks.plan_delivery.enqueue(delivery.pk)
        else:
            queue_senders(delivery.pk)
    return len(unfinished)
