"""Groups (fixed lists and saved searches) and multilingual mailings to them.

A saved search is kept as criteria and evaluated whenever it is used, so it always means "who
matches now". A mailing goes only to the members who consented and have not withdrawn, each
in their own language when the mailing has it, else English, else Japanese; each gets their own
unsubscribe link, and the refusal is recorded on the contact.
"""

from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal import languages
from glocal.network import values
from glocal.network.models import (
    Category,
    Contact,
    Group,
    Mailing,
    MailingMessage,
    OrganisationType,
    Recipient,
)
from glocal.orgs import audit, scoping
from glocal.orgs.actors import Actor, acting_as
from glocal.orgs.models import AuditEvent, Role

FALLBACKS = ("en", "ja")
CRITERIA = {
    "countries": 250, "categories": len(Category.values), "languages": len(languages.TAGS),
    "tags": 50, "organisation_types": len(OrganisationType.values),
}  # fmt: skip


# --- groups --------------------------------------------------------------------------------------


def clean_criteria(criteria: dict) -> dict:
    """Only the criteria a saved search knows, each checked; ValidationError otherwise."""
    unknown = set(criteria) - set(CRITERIA) - {"consenting", "jet_alumni", "kind", "text"}
    if unknown:
        raise ValidationError({"criteria": _("Unknown criteria: %(names)s")
                               % {"names": ", ".join(sorted(unknown))}})  # fmt: skip
    cleaned = {}
    try:
        for name, limit in CRITERIA.items():
            items = [str(v) for v in criteria.get(name) or []][:limit]
            if name == "languages":
                items = [values.language(v) for v in items]
            elif name == "categories":
                items = values.categories(items)
            elif name == "countries":
                countries = values.Countries()
                items = sorted({countries.get(v).code for v in items})
            elif name == "organisation_types" and set(items) - set(OrganisationType.values):
                raise ValueError(_("unknown type of organisation"))
            if items:
                cleaned[name] = items
    except ValueError as exc:
        raise ValidationError({"criteria": str(exc)}) from exc
    for flag in ("consenting", "jet_alumni"):
        if criteria.get(flag):
            cleaned[flag] = True
    if criteria.get("kind") in Contact.Kind.values:
        cleaned["kind"] = criteria["kind"]
    if criteria.get("text"):
        cleaned["text"] = str(criteria["text"])[:100]
    return cleaned


def search(contacts: QuerySet, criteria: dict) -> QuerySet:
    """The contacts that match a saved search's criteria (each criterion narrows the set)."""
    found = contacts.current()
    if criteria.get("countries"):
        found = found.filter(country__code__in=criteria["countries"])
    if criteria.get("languages"):
        found = found.filter(language__in=criteria["languages"])
    if criteria.get("organisation_types"):
        found = found.filter(organisation_type__in=criteria["organisation_types"])
    if criteria.get("kind"):
        found = found.filter(kind=criteria["kind"])
    for name, lookup in (("categories", "categories__has"), ("tags", "tags__has")):
        if criteria.get(name):
            either = Q()
            for code in criteria[name]:
                either |= Q(**{lookup: code})
            found = found.filter(either)
    if criteria.get("jet_alumni"):
        found = found.filter(categories__has=Category.JET, facts__jet__alumnus="yes")
    if criteria.get("consenting"):
        found = found & Contact.objects.consenting()
    if criteria.get("text"):
        text = criteria["text"]
        found = found.filter(Q(name__icontains=text) | Q(kana__icontains=text)
                             | Q(romaji__icontains=text) | Q(email__icontains=text))  # fmt: skip
    return found


def members(group: Group) -> QuerySet:
    """Who is in the group now: its list, or whoever its search finds (its owner's only)."""
    mine = Contact.objects.filter(owner_id=group.owner_id)
    if group.kind == Group.Kind.SAVED:
        return search(mine, group.criteria).order_by("name", "pk")
    return mine.current().filter(groups=group).order_by("name", "pk")


@transaction.atomic
def create_group(
    actor: Actor, organisation_id: int, name: str, kind: str = Group.Kind.FIXED,
    criteria: dict | None = None, contact_ids=(),
) -> Group:  # fmt: skip
    scoping.require(actor, organisation_id, Role.EDITOR)
    if Group.objects.filter(owner_id=organisation_id, name=name).exists():
        raise ValidationError({"name": _("Your organisation already has a group of this name.")})
    group = Group(owner_id=organisation_id, name=name, kind=kind)
    group.criteria = clean_criteria(criteria or {}) if kind == Group.Kind.SAVED else {}
    group.full_clean()
    group.save()
    if contact_ids:
        add_members(actor, group, contact_ids)
    return group


@transaction.atomic
def add_members(actor: Actor, group: Group, contact_ids) -> int:
    """Add the organisation's own contacts to a fixed list; any other id is refused."""
    scoping.require(actor, group.owner_id, Role.EDITOR)
    if group.kind != Group.Kind.FIXED:
        raise ValidationError({"group": _("A saved search has no list to add to.")})
    wanted = set(contact_ids)
    found = list(Contact.objects.current().filter(owner_id=group.owner_id, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({"contacts": _("Some of these contacts are not yours.")})
    already = set(group.members.filter(pk__in=wanted).values_list("pk", flat=True))
    group.members.add(*found)
    added = sorted(wanted - already)
    if added:  # by id only, as for a removal: the log must not keep an erased person's name
        with acting_as(actor):
            audit.write(group, AuditEvent.Action.UPDATE, {"members_added": [None, added]})
    return len(found)


@transaction.atomic
def remove_member(actor: Actor, group: Group, contact_id: int) -> bool:
    """Take one contact off a fixed list; whether they were on it. The group's audit log
    records the removal by the contact's id only (never a name: an erased person's id says
    nothing about them). A saved search has no list: change its criteria instead."""
    scoping.require(actor, group.owner_id, Role.EDITOR)
    if group.kind != Group.Kind.FIXED:
        raise ValidationError({"group": _("A saved search has no list to remove from.")})
    contact = group.members.filter(owner_id=group.owner_id, pk=contact_id).first()
    if contact is None:
        return False
    group.members.remove(contact)
    with acting_as(actor):
        audit.write(group, AuditEvent.Action.UPDATE, {"members_removed": [contact.pk, None]})
    return True


# --- mailings ------------------------------------------------------------------------------------


@transaction.atomic
def create_mailing(actor: Actor, organisation_id: int, group: Group, messages: dict) -> Mailing:
    """`messages` is language tag → (subject, body); at least one, in known languages."""
    scoping.require(actor, organisation_id, Role.EDITOR)
    if group.owner_id != organisation_id:
        raise ValidationError({"group": _("This group is not yours.")})
    if not messages:
        raise ValidationError({"messages": _("Write the mailing in at least one language.")})
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    mailing = Mailing.objects.create(owner_id=organisation_id, group=group, created_by=user)
    for tag, (subject, body) in messages.items():
        try:
            tag = languages.normalise(tag)
        except languages.UnknownLanguage as exc:
            raise ValidationError({"messages": str(exc)}) from exc
        if not subject.strip() or not body.strip():
            raise ValidationError({"messages": _("Each language needs a subject and a body.")})
        message = MailingMessage(mailing=mailing, language=tag, subject=subject, body=body)
        message.full_clean()
        message.save()
    return mailing


def language_for(contact_language: str, written: set[str]) -> str:
    """The contact's language if the mailing has it, else English, else Japanese, else the
    first language the mailing is written in."""
    for tag in (contact_language, *FALLBACKS):
        if tag and tag in written:
            return tag
    return sorted(written)[0]


def recipients_of(mailing: Mailing) -> list[Recipient]:
    """One recipient per consenting member of the group with their language (not saved)."""
    written = set(mailing.messages.values_list("language", flat=True))
    consenting = members(mailing.group) & Contact.objects.consenting()
    return [
        Recipient(
            mailing=mailing, contact_id=pk, email=email, language=language_for(language, written)
        )
        for pk, email, language in consenting.values_list("pk", "email", "language")
    ]


def preview(group: Group, written) -> dict:
    """Who a mailing to `group` written in the `written` languages would reach, each with the
    language they would get (nothing is saved). With no language written yet, each is shown
    with their own preferred language."""
    written = set(written)
    everyone = members(group)
    consenting = (everyone & Contact.objects.consenting()).select_related("country")
    reached = []
    for contact in consenting.order_by("name", "pk")[: PREVIEW_LIMIT + 1]:
        language = language_for(contact.language, written) if written else contact.language
        reached.append((contact, language))
    counts = Counter(
        language_for(tag, written) if written else tag
        for tag in consenting.values_list("language", flat=True)
    )
    total = sum(counts.values())
    return {"members": everyone.count(), "total": total, "by_language": sorted(counts.items()),
            "reached": reached[:PREVIEW_LIMIT], "more": max(total - PREVIEW_LIMIT, 0)}  # fmt: skip


PREVIEW_LIMIT = 200


@transaction.atomic
def send_mailing(actor: Actor, mailing: Mailing) -> int:
    """Address the mailing to every consenting member and hand it to the outbox in this
    transaction (it sends after the commit). Each recipient's link is unsubscribe_url(token).
    Refused when no member has consented, so that nothing is "sent" to no one silently."""
    scoping.require(actor, mailing.owner_id, Role.EDITOR)
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if mailing.status != Mailing.Status.DRAFT:
        raise ValidationError({"mailing": _("This mailing has already been sent.")})
    recipients = recipients_of(mailing)
    if not recipients:
        raise ValidationError(
            {"group": _("No member of %(group)s has consented to mailings: nothing was sent.")
             % {"group": mailing.group.name}}
        )  # fmt: skip
    Recipient.objects.bulk_create(recipients, batch_size=2000)
    mailing.status = Mailing.Status.SENDING
    mailing.sent_at = timezone.now()
    mailing.save()
    _send(mailing)
    return len(recipients)


def _send(mailing: Mailing) -> None:
    """Hand the mailing to the platform's outbox in the sender's transaction: each queued
    recipient gets the message in the language chosen for them (else English, else Japanese),
    with their own unsubscribe link in the footer and as one-click List-Unsubscribe. When the
    outbox has finished, `settle` records who was reached."""
    from glocal.core import portal
    from glocal.delivery import services as delivery

    messages = {
        m.language: delivery.Message(
            m.subject,
            m.body,
            footer=f"\n\n-- \n{portal.words(m.language)['email_footer_unsubscribe']}"
            " {unsubscribe_url}\n",
        )
        for m in mailing.messages.all()
    }
    queued = mailing.recipients.filter(status=Recipient.Status.QUEUED)
    delivery.send(
        mailing.owner,
        delivery.Source(
            "network.mailing", mailing.pk, label=str(mailing), purpose="mailing", key="mailing"
        ),
        recipients=(
            delivery.Recipient(email, language, unsubscribe_url=unsubscribe_url(token))
            for email, language, token in queued.values_list("email", "language", "token")
        ),
        messages=messages,
        fallbacks=FALLBACKS,
    )


@transaction.atomic
def settle(delivery) -> None:
    """The outbox finished a mailing's delivery: its queued recipients become sent, or failed
    where the outbox gave up on their address, and the mailing is sent."""
    from glocal.core.registry import records_written
    from glocal.delivery import services as delivery_services

    mailing = (
        Mailing.objects.select_for_update()
        .filter(pk=delivery.source_id, owner_id=delivery.owner_id)
        .first()
    )
    if mailing is None or mailing.status != Mailing.Status.SENDING:
        return
    failed = {a.lower() for a in delivery_services.failed_addresses(delivery)}
    queued = mailing.recipients.filter(status=Recipient.Status.QUEUED)
    lost = [pk for pk, email in queued.values_list("pk", "email") if email.lower() in failed]
    queued.filter(pk__in=lost).update(status=Recipient.Status.FAILED)
    queued.update(status=Recipient.Status.SENT)  # the rest (still queued) were sent
    mailing.status = Mailing.Status.SENT
    mailing.save()
    # Bulk updates send no post_save: whoever counts delivered recipients recounts.
    records_written.send(sender=Recipient, organisation_id=mailing.owner_id)


def delivery_finished(sender, delivery, **kwargs) -> None:
    """Connected to glocal.delivery.services.finished (see NetworkConfig.ready)."""
    if delivery.source_kind == "network.mailing":
        settle(delivery)


def unsubscribe_url(token: str) -> str:
    """The recipient's own link, on the site's public address (never the request's Host)."""
    return settings.SITE_URL.rstrip("/") + reverse("network_unsubscribe", args=[token])


@transaction.atomic
def unsubscribe(token: str) -> Recipient | None:
    """The person clicked their link: record the refusal on the contact (consent withdrawn)
    and on the mailing's report. None for an unknown token."""
    from glocal.network import services

    recipient = Recipient.objects.select_related("contact").filter(token=token).first()
    if recipient is None:
        return None
    if recipient.status != Recipient.Status.UNSUBSCRIBED:
        recipient.status = Recipient.Status.UNSUBSCRIBED
        recipient.unsubscribed_at = timezone.now()
        recipient.save(update_fields=["status", "unsubscribed_at"])
        if recipient.contact is not None and not recipient.contact.consent_withdrawn_on:
            services.withdraw_consent(None, recipient.contact)
    return recipient


def report(mailing: Mailing) -> dict:
    """Per mailing: recipients by status and by language."""
    rows = mailing.recipients.values_list("status", "language")
    return {
        "by_status": dict(Counter(status for status, _language in rows)),
        "by_language": dict(Counter(language for _status, language in rows)),
        "total": len(rows),
    }
