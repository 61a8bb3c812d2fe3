"""Subscribing, confirming, changing and leaving. No account: signed links carry who it is.

Only the owner of an address changes its subscription. Subscribing writes a new, unconfirmed
subscriber only for an address the organisation does not know; for a known one it changes
nothing. Either way the choices made travel *signed inside the confirmation link* mailed to
the address (no pending record), and they take effect when that link is used, so a stranger
who types someone else's address changes nothing. The links in notices (manage, unsubscribe)
carry only who it is and last as long as the subscription; a confirmation link lasts seven
days. Leaving deletes the row and the address with it.

Addresses are compared in any letter case, the local part too: the standard lets a mail
server tell `Ana@` from `ana@`, but no common one does, and two subscriptions for one mailbox
are the greater harm. The address is kept as first typed, with its domain in lower case.
"""

from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from glocal import languages
from glocal.delivery import confirmation_limits
from glocal.delivery.models import Subscriber
from glocal.orgs.actors import Actor, acting_as
from glocal.places.models import LocalGovernment

CONFIRM_DAYS = 7
_SALT = "glocal.delivery.subscriber"
_CONFIRM_SALT = "glocal.delivery.confirm"
_RESIDENT = Actor(via="portal")


def token_for(subscriber: Subscriber) -> str:
    """The token of the manage and unsubscribe links: who it is, nothing else."""
    return token_for_pk(subscriber.pk)


def token_for_pk(pk: int) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(pk))


def subscriber_for(token: str, max_age_days: int | None = None) -> Subscriber | None:
    """The subscriber a link was made for, or None for a bad, expired or spent link."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        max_age = max_age_days * 86400 if max_age_days else None
        pk = signer.unsign(token, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return Subscriber.objects.filter(pk=pk).select_related("owner", "prefecture").first()


class InvalidSubscription(ValueError):
    """`key` names the portal word that explains it to the resident."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def normalise(email: str) -> str:
    """The address as typed, trimmed, with the domain (never case-sensitive) in lower case."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvalidSubscription("invalid_email") from exc
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


@dataclass(frozen=True)
class Choices:
    """What a resident asked for: carried signed in a confirmation link until it is used."""

    language: str
    prefecture_id: int
    municipality_ids: tuple[int, ...]
    categories: tuple[str, ...]

    @classmethod
    def of(cls, language, prefecture, municipalities, categories) -> "Choices":
        return cls(
            languages.normalise(language),
            prefecture.pk,
            tuple(sorted({m.pk for m in municipalities})),
            tuple(sorted(set(categories))),
        )

    @classmethod
    def current(cls, subscriber: Subscriber) -> "Choices":
        municipalities = subscriber.municipalities.all()
        return cls.of(
            subscriber.language, subscriber.prefecture, municipalities, subscriber.categories
        )

    def municipalities(self):
        # Checked again on use: only municipalities of the chosen prefecture.
        return LocalGovernment.objects.filter(
            pk__in=self.municipality_ids, prefecture_id=self.prefecture_id
        )

    def apply_to(self, subscriber: Subscriber) -> None:
        subscriber.language = self.language
        subscriber.prefecture_id = self.prefecture_id
        subscriber.categories = list(self.categories)
        subscriber.save()
        subscriber.municipalities.set(self.municipalities())


@dataclass(frozen=True)
class Pending:
    """A confirmation link opened: whose subscription, and the choices it would put in force."""

    subscriber: Subscriber
    choices: Choices

    @property
    def is_change(self) -> bool:
        """True for a confirmed subscription whose choices the link would change."""
        confirmed = self.subscriber.confirmed_at is not None
        return confirmed and self.choices != Choices.current(self.subscriber)


def confirmation_token(subscriber: Subscriber, choices: Choices) -> str:
    payload = {
        "s": subscriber.pk,
        "l": choices.language,
        "p": choices.prefecture_id,
        "m": list(choices.municipality_ids),
        "c": list(choices.categories),
    }
    return signing.dumps(payload, salt=_CONFIRM_SALT, compress=True)


def pending_for(token: str) -> Pending | None:
    """What a confirmation link asks for, or None for a bad or expired one (or when the
    subscription is gone)."""
    try:
        payload = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
        choices = Choices(
            languages.normalise(payload["l"]),
            int(payload["p"]),
            tuple(int(pk) for pk in payload["m"]),
            tuple(str(c) for c in payload["c"]),
        )
        pk = int(payload["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):  # UnknownLanguage too
        return None
    subscriber = Subscriber.objects.filter(pk=pk).select_related("owner", "prefecture").first()
    return Pending(subscriber, choices) if subscriber else None


def subscribe(owner, email: str, choices: Choices, client: str | None):
    """Ask for a subscription of `email` to `owner`'s notices with `choices`.

    Returns (subscriber, confirmation token) when a confirmation mail is to be sent, and
    (None, None) when the address or the client has had its share of mails for now. A known
    address is left as it is. Nothing in the answer depends on whether the address was known,
    so that the page shown cannot tell."""
    email = normalise(email)
    with transaction.atomic(), acting_as(_RESIDENT):
        if not confirmation_limits.allow(email, client):
            return None, None
        subscriber = Subscriber.objects.filter(owner=owner, email__iexact=email).first()
        subscriber = subscriber or _new_subscriber(owner, email, choices)
    return subscriber, confirmation_token(subscriber, choices)


def _new_subscriber(owner, email: str, choices: Choices) -> Subscriber:
    """An unconfirmed subscriber; when a concurrent request made it first, that one."""
    subscriber = Subscriber(owner=owner, email=email)
    try:
        with transaction.atomic():
            choices.apply_to(subscriber)
    except IntegrityError:  # the same address in another letter case, at the same moment
        return Subscriber.objects.get(owner=owner, email__iexact=email)
    return subscriber


def confirm(token: str) -> tuple[Subscriber | None, str]:
    """Put a confirmation link's choices in force. Returns the subscriber and what happened:
    "confirmed" (newly), "changed" (choices of a confirmed subscription), "unchanged" (a link
    used again), or (None, "invalid")."""
    pending = pending_for(token)
    if pending is None:
        return None, "invalid"
    with transaction.atomic(), acting_as(_RESIDENT):
        subscriber = (
            Subscriber.objects.select_for_update()
            .select_related("owner", "prefecture")
            .filter(pk=pending.subscriber.pk)
            .first()
        )
        if subscriber is None:  # left meanwhile
            return None, "invalid"
        pending = Pending(subscriber, pending.choices)
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = timezone.now()
            pending.choices.apply_to(subscriber)
            return subscriber, "confirmed"
        if not pending.is_change:
            return subscriber, "unchanged"
        pending.choices.apply_to(subscriber)
        return subscriber, "changed"


def change(subscriber: Subscriber, language: str, municipalities, categories) -> None:
    """A change from the manage link in the subscriber's own mail: in force at once."""
    choices = Choices.of(language, subscriber.prefecture, municipalities, categories)
    with transaction.atomic(), acting_as(_RESIDENT):
        choices.apply_to(subscriber)


def unsubscribe(token: str) -> Subscriber | None:
    """Delete the subscription; the deleted subscriber, or None when the link names nobody
    (already gone)."""
    subscriber = subscriber_for(token)
    if subscriber is None:
        return None
    from glocal.delivery import outbox

    with transaction.atomic(), acting_as(_RESIDENT):
        subscriber.delete()
        outbox.forget(subscriber.owner_id, subscriber.email)  # the address goes from the outbox
    return subscriber
