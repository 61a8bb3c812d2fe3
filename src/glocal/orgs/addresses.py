"""The client's address for the audit log, believing forwarded headers only from our proxies.

`X-Forwarded-For` is a list that every proxy appends its peer to, so only its right-hand end
was written by proxies we run; anything to the left of that came from the client and may be
invented. The rule: if the direct peer (`REMOTE_ADDR`) is one of `GLOCAL_FORWARDED_ALLOW_IPS`,
walk the list from the right past our own proxies and take the first other address. Anything
that is not an IP address (a forged or mangled value) is never taken: the peer's address is
used instead, so the log's address column (`inet` on PostgreSQL) always gets a valid one.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse(value: str | None) -> Address | None:
    """An IP address, or None for anything else (empty, a host name, garbage)."""
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket is logged as the IPv4 address it is.
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


@lru_cache(maxsize=8)
def _trusted(allowed: tuple[str, ...]) -> tuple[bool, tuple[Network, ...]]:
    """(any peer is a proxy, the proxies' networks) for the setting's entries."""
    networks = tuple(ipaddress.ip_network(item) for item in allowed if item != "*")
    return "*" in allowed, networks


def _is_proxy(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def client_address(meta: dict) -> str | None:
    """The client's address from a request's META, as text, or None if there is none."""
    peer = parse(meta.get("REMOTE_ADDR"))
    if peer is None:
        return None
    any_peer, proxies = _trusted(tuple(settings.FORWARDED_ALLOW_IPS))
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if not forwarded or not (any_peer or _is_proxy(peer, proxies)):
        return str(peer)
    nearest = peer
    for hop in reversed(forwarded.split(",")):
        address = parse(hop)
        if address is None:
            return str(peer)  # not an address: nothing from here leftwards can be believed
        if not _is_proxy(address, proxies):
            return str(address)
        nearest = address  # a client inside our own proxies' network
    return str(nearest)
