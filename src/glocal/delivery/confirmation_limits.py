"""How many confirmation mails one address gets, and one client may ask for, in a short window.

A burst of subscribe requests must not turn the portal into a way to flood a mailbox, or to
send mail in the platform's name to a list of addresses. The counting is the platform's one
rate limiter (`glocal.core.ratelimits`: database counters, keyed hashes, no address stored).

The window is short on purpose: whoever uses up an address's allowance (to keep its owner
from subscribing) holds it only until the window ends.
"""

from datetime import timedelta

from django.conf import settings

from glocal.core import ratelimits


def per_address() -> int:
    return getattr(settings, "SUBSCRIBE_MAILS_PER_ADDRESS", 3)


def per_client() -> int:
    return getattr(settings, "SUBSCRIBE_MAILS_PER_CLIENT", 10)


def window() -> timedelta:
    return timedelta(seconds=getattr(settings, "SUBSCRIBE_LIMIT_WINDOW", 600))


def allow(address: str, client: str | None, scope: str = "subscribe") -> bool:
    """Count one confirmation mail for `address` asked for by `client`; False when either is
    over its limit. The client is counted first, so that a client over its limit no longer
    uses up the address's allowance. `scope` keeps other double opt-ins (trade alerts) apart."""
    return ratelimits.allow_all(
        [
            (f"{scope}:client", client or "unknown", per_client()),
            (f"{scope}:address", address.lower(), per_address()),
        ],
        window(),
    )
