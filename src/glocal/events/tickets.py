"""Signed codes: tickets (in the QR code), cancellation links and invitation links.

Django signing with a salt per use, so a ticket cannot be replayed as a cancellation link and a
forged or altered code is refused. Tickets name their event, so a ticket for one event is
refused at the door of another.
"""

import io
from dataclasses import dataclass

import segno
from django.core import signing

TICKET = signing.Signer(salt="glocal.events.ticket")
CANCEL = signing.Signer(salt="glocal.events.cancel")
INVITATION = signing.TimestampSigner(salt="glocal.events.invitation")
# Longer than any signed code we make; anything longer is refused before it is parsed.
MAX_CODE = 200


class BadCode(ValueError):
    """A code that is forged, altered, for another event or simply not one of ours."""


@dataclass(frozen=True)
class Ticket:
    event_id: int
    registration_id: int


def ticket_code(registration) -> str:
    return TICKET.sign(f"{registration.event_id}-{registration.pk}")


def read_ticket(code: str) -> Ticket:
    try:
        value = TICKET.unsign(code.strip()[:MAX_CODE])
        event_id, registration_id = (int(part) for part in value.split("-"))
    except (signing.BadSignature, ValueError) as exc:
        raise BadCode(code) from exc
    return Ticket(event_id, registration_id)


def cancel_code(registration) -> str:
    return CANCEL.sign(str(registration.pk))


def read_cancel(code: str) -> int:
    try:
        return int(CANCEL.unsign(code[:MAX_CODE]))
    except (signing.BadSignature, ValueError) as exc:
        raise BadCode(code) from exc


def invitation_code(invitation) -> str:
    return INVITATION.sign(str(invitation.pk))


def read_invitation(code: str) -> int:
    """The invitation's id; its own expiry is checked against the row by the caller."""
    try:
        return int(INVITATION.unsign(code[:MAX_CODE]))
    except (signing.BadSignature, ValueError) as exc:
        raise BadCode(code) from exc


def qr_png(code: str, scale: int = 6) -> bytes:
    out = io.BytesIO()
    segno.make(code, error="m").save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_svg(code: str, scale: int = 4) -> str:
    out = io.BytesIO()
    segno.make(code, error="m").save(out, kind="svg", scale=scale, border=4, xmldecl=False)
    return out.getvalue().decode()
