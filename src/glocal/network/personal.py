"""A person's data as they may ask for it (APPI disclosure): JSON and vCard."""

import vobject

from glocal.network.models import Contact, Recipient, Relationship, Share

FIELDS = (
    "kind", "name", "kana", "romaji", "organisation_type", "city", "language", "email", "phone",
    "address", "categories", "facts", "tags", "notes", "source", "consent_basis",
    "consent_method", "consent_purpose",
)  # fmt: skip


def as_json(contact: Contact) -> dict:
    """Everything kept about the contact: values, consent, roles, shares, mailings sent."""
    data = {name: getattr(contact, name) for name in FIELDS}
    data["country"] = contact.country.code if contact.country else None
    for name in ("consent_on", "consent_withdrawn_on", "created_at", "updated_at"):
        value = getattr(contact, name)
        data[name] = value.isoformat() if value else None
    data["roles"] = [
        {"organisation": r.organisation.name, "title": r.title,
         "from": r.started_on.isoformat() if r.started_on else None,
         "until": r.ended_on.isoformat() if r.ended_on else None}
        for r in Relationship.objects.filter(person=contact).select_related("organisation")
    ]  # fmt: skip
    data["shared_with"] = [
        {"organisation": s.shared_with.name, "purpose": s.purpose, "at": s.shared_at.isoformat()}
        for s in Share.objects.filter(contact=contact).select_related("shared_with")
    ]
    data["mailings"] = [
        {"mailing": r.mailing_id, "language": r.language, "status": r.status}
        for r in Recipient.objects.filter(contact=contact)
    ]
    return data


def as_vcard(contact: Contact) -> str:
    card = vobject.vCard()
    card.add("fn").value = contact.name
    family, _sep, given = (contact.romaji or contact.name).partition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if contact.kana:
        card.add("x-phonetic-full-name").value = contact.kana  # what iOS and Android read
    if contact.email:
        mail = card.add("email")
        mail.value, mail.type_param = contact.email, "INTERNET"
    if contact.phone:
        card.add("tel").value = contact.phone
    if contact.address or contact.city or contact.country:
        card.add("adr").value = vobject.vcard.Address(
            street=contact.address, city=contact.city,
            country=contact.country.name_en if contact.country else "",
        )  # fmt: skip
    role = Relationship.objects.filter(person=contact).select_related("organisation").first()
    if role is not None:
        card.add("org").value = [role.organisation.name]
        if role.title:
            card.add("title").value = role.title
    if contact.language:
        card.add("lang").value = contact.language
    if contact.notes:
        card.add("note").value = contact.notes
    return card.serialize()
