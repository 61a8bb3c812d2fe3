"""Contacts in the import's columns, so that an export imports back as it was (and changes
nothing when it does). Formulas are neutralised by glocal.core.exports."""

from glocal.core import exports
from glocal.network.importer import HEADERS
from glocal.network.models import Category, Contact, OrganisationType, Relationship

CATEGORY_WORDS = {
    Category.JET: "JET",
    Category.STUDENT: "留学生",
    Category.DIPLOMAT: "外交団",
    Category.KENJINKAI: "県人会",
    Category.SISTER_CITY: "姉妹都市",
    Category.BUSINESS: "ビジネス",
    Category.VOLUNTEER: "ボランティア",
    Category.INTERPRETER: "通訳",
}
ORGANISATION_WORDS = {
    OrganisationType.EMBASSY: "大使館",
    OrganisationType.CONSULATE: "領事館",
    OrganisationType.ASSOCIATION: "海外県人会",
    OrganisationType.UNIVERSITY: "大学",
    OrganisationType.COMPANY: "企業",
    OrganisationType.NPO: "NPO",
    OrganisationType.MEDIA: "報道",
    OrganisationType.GOVERNMENT: "外国自治体",
    OrganisationType.OTHER: "団体",
}


def category_cell(contact: Contact) -> str:
    if contact.kind == Contact.Kind.ORGANISATION:
        return ORGANISATION_WORDS.get(contact.organisation_type, "団体")
    words = []
    for code in contact.categories:
        jet = contact.facts.get(code, {}) if code == Category.JET else {}
        words.append(jet.get("role") or CATEGORY_WORDS.get(code, code))
        if jet.get("alumnus"):
            words.append("元JET")
    return "、".join(words)


def rows(contacts, english: bool = False):
    """The header, then one row per contact (with its first role at an organisation)."""
    yield [names[1] if english else names[0] for names in HEADERS.values()]
    contacts = list(contacts.select_related("country"))
    roles = {}
    for link in Relationship.objects.filter(person__in=contacts).select_related("organisation"):
        roles.setdefault(link.person_id, link)
    for contact in contacts:
        role = roles.get(contact.pk)
        yield [
            contact.name, contact.kana, contact.romaji, category_cell(contact),
            contact.country.code if contact.country else "", contact.language, contact.email,
            contact.phone, role.organisation.name if role else "", role.title if role else "",
            contact.consent_on.isoformat() if contact.may_be_mailed else "", contact.notes,
        ]  # fmt: skip


def to_csv(contacts, english: bool = False) -> bytes:
    return exports.to_csv(rows(contacts, english))


def to_xlsx(contacts, english: bool = False) -> bytes:
    return exports.to_xlsx({"contacts": rows(contacts, english)})
