"""How many confirmation mails one address gets, and one client may ask for, in a short window.

A burst of subscribe requests must not turn the portal into a way to flood a mailbox, or to
send mail in the platform's name to a list of addresses. The counters live in the database
(`ConfirmationCounter`), not in Django's cache: the default cache is local memory, one per
gunicorn worker, so each worker would allow the full number again. Row locks make the counting
exact on PostgreSQL; SQLite writes one transaction at a time anyway.

The window is short on purpose: whoever uses up an address's allowance (to keep its owner
from subscribing) holds it only until the window ends.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from glocal.delivery.models import ConfirmationCounter

_SALT = "glocal.delivery.confirmation_limits"


def per_address() -> int:
    return getattr(settings, "SUBSCRIBE_MAILS_PER_ADDRESS", 3)


def per_client() -> int:
    return getattr(settings, "SUBSCRIBE_MAILS_PER_CLIENT", 10)


def window() -> timedelta:
    return timedelta(seconds=getattr(settings, "SUBSCRIBE_LIMIT_WINDOW", 600))


def _key(kind: str, value: str) -> str:
    # A keyed hash: the table says nothing about who subscribes, even to a database reader.
    return salted_hmac(_SALT, f"{kind}:{value}", algorithm="sha256").hexdigest()


def _count(key: str, now) -> int:
    """Add one to the counter of `key` in the current window; the number so far."""
    counter, _created = ConfirmationCounter.objects.get_or_create(
        key=key, defaults={"window_start": now}
    )
    mine = ConfirmationCounter.objects.filter(pk=counter.pk)
    # A window that has ended starts again; the conditions make concurrent resets harmless.
    mine.filter(window_start__lte=now - window()).update(window_start=now, count=0)
    if not mine.update(count=F("count") + 1):
        return 1  # swept away as stale meanwhile: a fresh window
    return mine.values_list("count", flat=True).get()


def allow(address: str, client: str | None) -> bool:
    """Count one confirmation mail for `address` asked for by `client`; False when either is
    over its limit. Call inside the transaction that writes the subscription. The client is
    counted first, so that a client over its limit no longer uses up the address's."""
    now = timezone.now()
    ConfirmationCounter.objects.filter(window_start__lt=now - 2 * window()).delete()
    if _count(_key("client", client or "unknown"), now) > per_client():
        return False
    return _count(_key("address", address.lower()), now) <= per_address()
