"""A rate limiter for anything the public can make the platform do often: send mail, open a
case, register. `allow(scope, key, limit, window)` counts one event and says whether it is
within the limit.

The counters live in the database (`RateCounter`), not in Django's cache: the default cache is
local memory, one per gunicorn worker, so each worker would allow the full number again. Row
updates with F() make the counting exact on PostgreSQL; SQLite writes one transaction at a time
anyway. Keys are stored as a keyed hash (HMAC with SECRET_KEY), so the table says nothing about
who asked, even to someone who reads the database.

Windows are fixed and short on purpose: whoever uses up someone's allowance (to keep them from
getting a mail) holds it only until the window ends.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from glocal.core.models import RateCounter

_SALT = "glocal.core.ratelimits"


def _hashed(scope: str, key: str) -> str:
    return salted_hmac(_SALT, f"{scope}:{key}", algorithm="sha256").hexdigest()


def _count(scope: str, key: str, window: timedelta, now) -> int:
    """Add one to the counter of `key` in its current window; the number so far."""
    counter, _created = RateCounter.objects.get_or_create(
        key=_hashed(scope, key), defaults={"scope": scope, "window_start": now}
    )
    mine = RateCounter.objects.filter(pk=counter.pk)
    # A window that has ended starts again; the conditions make concurrent resets harmless.
    mine.filter(window_start__lte=now - window).update(window_start=now, count=0)
    if not mine.update(count=F("count") + 1):
        return 1  # swept away as stale meanwhile: a fresh window
    return mine.values_list("count", flat=True).get()


def _sweep(scope: str, window: timedelta, now) -> None:
    RateCounter.objects.filter(scope=scope, window_start__lt=now - 2 * window).delete()


def allow(scope: str, key: str, limit: int, window: timedelta) -> bool:
    """Count one event for `key` (an address, a client address, an id) in `scope` (what is
    limited, e.g. "password-reset:address"); False once more than `limit` happened in `window`.
    A refused event counts too, so that hammering does not reopen the door."""
    now = timezone.now()
    _sweep(scope, window, now)
    return _count(scope, key, window, now) <= limit


def allow_all(checks: Iterable[tuple[str, str, int]], window: timedelta) -> bool:
    """Several limits on one event, as (scope, key, limit), checked in order; stops at the first
    one over its limit without counting the rest. Put the client first: a client over its limit
    then no longer uses up the allowance of the addresses it names."""
    return all(allow(scope, key, limit, window) for scope, key, limit in checks)
