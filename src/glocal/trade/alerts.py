"""E-mail alerts on changes to public import restrictions, in Japanese or English.

Double opt-in as residents' subscriptions do it (glocal.delivery.subscriptions): subscribing
stores an unconfirmed row and mails a signed confirmation link; only the link's use confirms.
A known address gets the same answer as a new one. Confirmation mails count against the
platform's rate limiter (glocal.core.ratelimits), per address and per client.

The mails go through the platform's outbox (glocal.delivery.services), sent by the platform
itself (no organisation): each follower gets the alert in Japanese or English with their own
leave link (in the footer and as one-click List-Unsubscribe).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from glocal.core import ratelimits
from glocal.orgs.actors import Actor, acting_as
from glocal.places.models import Country, LocalGovernment
from glocal.trade import hs
from glocal.trade.models import AlertSubscription, MeasureVersion, Topic

logger = logging.getLogger(__name__)
LANGUAGES = ("ja", "en")
CONFIRM_DAYS = 7
_CONFIRM_SALT = "glocal.trade.alerts.confirm"
_LEAVE_SALT = "glocal.trade.alerts.leave"
_PUBLIC = Actor(via="portal")

# Confirmation mails, as for residents' subscriptions: a few per address and per client in a
# short window, so the form floods no mailbox and locks nobody out for long.
PER_ADDRESS, PER_CLIENT, WINDOW = 3, 10, timedelta(minutes=10)


class InvalidSubscription(ValueError):
    pass


def check_topic(topic: str, value: str) -> str:
    """The canonical value of a topic (HK, 水産物, 070009); raises InvalidSubscription."""
    value = value.strip()
    if topic == Topic.COUNTRY and Country.objects.filter(code=value.upper()).exists():
        return value.upper()
    if topic == Topic.PRODUCT_GROUP and hs.group_named(value):
        return hs.group_named(value).name_ja
    if topic == Topic.PREFECTURE and LocalGovernment.objects.prefectures().filter(code=value):
        return value
    raise InvalidSubscription(_("Choose a country or region, a product group or a prefecture."))


def subscribe(email: str, language: str, topic: str, value: str, client: str | None):
    """(subscription, confirmation token) to mail, or (None, None) over the mail limits."""
    try:
        validate_email(email.strip())
    except ValidationError as exc:
        raise InvalidSubscription(_("Enter a valid e-mail address.")) from exc
    value = check_topic(topic, value)
    language = language if language in LANGUAGES else "ja"
    email = email.strip()
    with transaction.atomic(), acting_as(_PUBLIC):
        if not ratelimits.allow_all(
            [
                ("trade-alerts:client", client or "unknown", PER_CLIENT),
                ("trade-alerts:address", email.lower(), PER_ADDRESS),
            ],
            WINDOW,
        ):
            return None, None
        found = AlertSubscription.objects.filter(email__iexact=email, topic=topic, value=value)
        subscription = found.first()
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = AlertSubscription.objects.create(
                        email=email, language=language, topic=topic, value=value
                    )
            except IntegrityError:
                subscription = found.get()
    token = signing.dumps({"s": subscription.pk, "l": language}, salt=_CONFIRM_SALT)
    source = ("trade.subscription", subscription.pk, "confirm", "")
    _send(source, [subscription], {language: _confirmation(subscription, token, language)})
    return subscription, token


def confirm(token: str) -> AlertSubscription | None:
    try:
        payload = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
    except signing.BadSignature:
        return None
    with transaction.atomic(), acting_as(_PUBLIC):
        found = AlertSubscription.objects.select_for_update().filter(pk=payload.get("s")).first()
        if found is not None and found.confirmed_at is None:
            found.confirmed_at = timezone.now()
            found.language = payload.get("l") if payload.get("l") in LANGUAGES else "ja"
            found.save()
    return found


def leave_token(subscription: AlertSubscription) -> str:
    return signing.TimestampSigner(salt=_LEAVE_SALT).sign(str(subscription.pk))


def unsubscribe(token: str) -> bool:
    try:
        pk = signing.TimestampSigner(salt=_LEAVE_SALT).unsign(token)
    except signing.BadSignature:
        return False
    with transaction.atomic(), acting_as(_PUBLIC):
        return AlertSubscription.objects.filter(pk=pk).delete()[0] > 0


# -- who hears of a change -----------------------------------------------------------------------


def changed(version_id: int) -> None:
    """Called inside the transaction that recorded a version: alerts go out after it commits."""

    def enqueue():
        from glocal.trade import tasks

        tasks.alert_change.enqueue(version_id)

    transaction.on_commit(enqueue)


def _previous(version: MeasureVersion) -> MeasureVersion | None:
    return (
        version.measure.versions.filter(effective_from__lte=version.effective_from)
        .exclude(pk=version.pk)
        .order_by("-effective_from", "-number")
        .first()
    )


def followers(version: MeasureVersion) -> list[AlertSubscription]:
    """Confirmed subscriptions whose topic the change touches: the country, a product group
    or a prefecture covered before or after the change."""
    touched = [v for v in (version, _previous(version)) if v is not None]
    codes = [c for v in touched for c in v.products]
    found = []
    for subscription in AlertSubscription.objects.exclude(confirmed_at=None).order_by("pk"):
        value = subscription.value
        if (
            (subscription.topic == Topic.COUNTRY and value == version.measure.country.code)
            or (subscription.topic == Topic.PRODUCT_GROUP and hs.group_named(value)
                and hs.overlaps(codes, hs.group_named(value).codes))
            or (subscription.topic == Topic.PREFECTURE
                and any(v.covers_prefecture(value) for v in touched))
        ):  # fmt: skip
            found.append(subscription)
    return found


def change_message(version: MeasureVersion, language: str) -> dict:
    """Subject and body of the alert in one language."""
    measure = version.measure
    with translation.override(language):
        country = measure.country.name_ja if language == "ja" else measure.country.name_en
        subject = _("%(country)s: %(measure)s %(change)s") % {
            "country": country,
            "measure": measure.get_kind_display(),
            "change": version.get_change_display(),
        }
        lines = [
            subject,
            _("From %(date)s.") % {"date": version.effective_from.isoformat()},
            _("Products: %(products)s") % {"products": ", ".join(version.product_terms)},
            _("Source: %(reference)s") % {"reference": version.reference or "-"},
            _site(reverse("public_trade_measure", args=[measure.pk])),
        ]
        if version.illustrative:
            lines.insert(1, _("Illustrative: not checked against an official source."))
    return {"subject": subject, "body": "\n".join(lines)}


def _confirmation(subscription, token: str, language: str) -> dict:
    with translation.override(language):
        return {
            "subject": _("Confirm your alerts on import restrictions"),
            "body": _("Open this link to confirm: %(url)s")
            % {"url": _site(reverse("public_trade_confirm", args=[token]))},
        }


def alert(version_id: int) -> int:
    """Mail the followers of a change in their languages; the number of recipients."""
    version = MeasureVersion.objects.select_related("measure__country").filter(pk=version_id)
    version = version.filter(measure__is_public=True).first()
    if version is None:
        return 0
    recipients = followers(version)
    if recipients:
        messages = {lang: change_message(version, lang) for lang in LANGUAGES}
        _send(("trade.version", version.pk, "alert", "alert"), recipients, messages)
    return len(recipients)


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def leave_url(subscription: AlertSubscription) -> str:
    return _site(reverse("public_trade_leave", args=[leave_token(subscription)]))


def _send(source: tuple, recipients: list[AlertSubscription], messages: dict[str, dict]) -> None:
    """Hand the mails to the platform's outbox, sent by the platform (alerts belong to no
    organisation): each recipient in their language, else Japanese. `source` is (kind, id,
    purpose, key); a key sends that source once (a retried alert task mails no one twice).
    Followers of a change (not a confirmation) each get their leave link."""
    from glocal.delivery import services as delivery

    kind, pk, purpose, key = source
    leaving = purpose == "alert"
    footers = {}
    for language in messages:
        with translation.override(language):
            footers[language] = "\n\n-- \n" + _("Stop these alerts: %(url)s") % {
                "url": "{unsubscribe_url}"
            }
    delivery.send(
        None,
        delivery.Source(kind, pk, label=f"{kind} #{pk}", purpose=purpose, key=key),
        recipients=[
            delivery.Recipient(s.email, s.language, unsubscribe_url=leave_url(s) if leaving else "")
            for s in recipients
        ],
        messages={
            language: delivery.Message(
                m["subject"], m["body"], footer=footers[language] if leaving else ""
            )
            for language, m in messages.items()
        },
        fallbacks=("ja",),
    )
