"""Subscribing, confirming, changing and leaving. No account: signed links carry who it is.

A confirmation link lasts seven days; the links in notices (manage, unsubscribe) last as long
as the subscription. Leaving deletes the row and the address with it.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from glocal import languages
from glocal.delivery.models import Subscriber
from glocal.orgs.actors import Actor, acting_as

CONFIRM_DAYS = 7
_SALT = "glocal.delivery.subscriber"
_RESIDENT = Actor(via="portal")


def token_for(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(subscriber.pk))


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


@transaction.atomic
def subscribe(owner, email: str, language: str, prefecture, municipalities, categories):
    """Create or refresh a subscription and return it with a confirmation token. The same
    answer comes whether or not the address was known, so nobody learns who subscribes."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvalidSubscription("invalid_email") from exc
    if prefecture is None:
        raise InvalidSubscription("choose_area_first")
    with acting_as(_RESIDENT):
        subscriber = Subscriber.objects.filter(owner=owner, email__iexact=email).first()
        subscriber = subscriber or Subscriber(owner=owner, email=email)
        subscriber.language = languages.normalise(language)
        subscriber.prefecture = prefecture
        subscriber.set_categories(categories)
        subscriber.save()
        subscriber.municipalities.set(municipalities)
    return subscriber, token_for(subscriber)


def confirm(token: str) -> tuple[Subscriber | None, bool]:
    """(subscriber, newly confirmed). A second use of the link finds it confirmed already."""
    subscriber = subscriber_for(token, max_age_days=CONFIRM_DAYS)
    if subscriber is None:
        return None, False
    if subscriber.confirmed_at is not None:
        return subscriber, False
    with acting_as(_RESIDENT):
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber, True


def change(subscriber: Subscriber, language: str, municipalities, categories) -> None:
    with acting_as(_RESIDENT):
        subscriber.language = languages.normalise(language)
        subscriber.set_categories(categories)
        subscriber.save()
        subscriber.municipalities.set(municipalities)


def unsubscribe(token: str) -> bool:
    """Delete the subscription; False when the link names nobody (already gone)."""
    subscriber = subscriber_for(token)
    if subscriber is None:
        return False
    with acting_as(_RESIDENT):
        subscriber.delete()
    return True
