"""Likely duplicates, found in bulk through an index of folded keys (never pairwise).

The rule: the same e-mail address ignoring case; or the same name after folding kana, romaji,
width and word order (see glocal.network.names) together with the same country or the same
organisation. Each match says why, so that a person can judge it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from glocal.network.models import Contact, Relationship


def pack_keys(keys) -> str:
    return "|" + "|".join(sorted(keys)) + "|" if keys else ""


def unpack_keys(text: str) -> set[str]:
    return {key for key in (text or "").split("|") if key}


@dataclass
class Entry:
    """One contact as the index sees it; `ref` is a Contact pk or an import row's number."""

    ref: object
    kind: str
    email_key: str
    name_keys: set[str]
    country_id: int | None
    organisations: set[str] = field(default_factory=set)  # folded organisation names


@dataclass(frozen=True)
class Match:
    ref: object
    reason: str


class Index:
    def __init__(self):
        self.by_email: dict[str, Entry] = {}
        self.by_name: dict[tuple[str, str], list[Entry]] = defaultdict(list)

    def add(self, entry: Entry) -> None:
        if entry.email_key:
            self.by_email.setdefault(entry.email_key, entry)
        for key in entry.name_keys:
            self.by_name[(entry.kind, key)].append(entry)

    def match(self, entry: Entry) -> Match | None:
        """The first contact this one duplicates, with the reason; None when none."""
        found = self.by_email.get(entry.email_key) if entry.email_key else None
        if found is not None and found.ref != entry.ref:
            return Match(found.ref, _("same e-mail address %(email)s") % {"email": entry.email_key})
        for key in sorted(entry.name_keys):
            for other in self.by_name.get((entry.kind, key), ()):
                if other.ref == entry.ref or _kanji_differ(entry, other):
                    continue
                if entry.country_id and other.country_id == entry.country_id:
                    return Match(other.ref, _("same name (%(key)s) and country") % {"key": key})
                if not (entry.country_id or other.country_id or entry.organisations
                        or other.organisations):  # fmt: skip
                    # Nothing else to tell them apart by: importing a file of bare names
                    # twice must not double them.
                    return Match(other.ref, _("same name (%(key)s), no country or organisation")
                                 % {"key": key})  # fmt: skip
                shared = entry.organisations & other.organisations
                if shared:
                    return Match(
                        other.ref,
                        _("same name (%(key)s) and organisation (%(org)s)")
                        % {"key": key, "org": sorted(shared)[0]},
                    )
        return None


def _kanji_differ(first: Entry, second: Entry) -> bool:
    """Both names written in kanji, differently (佐藤太郎 and 佐藤多郎 read alike but are two
    people): the same reading does not make them one."""
    mine = {k for k in first.name_keys if not k.isascii()}
    theirs = {k for k in second.name_keys if not k.isascii()}
    return bool(mine and theirs and not mine & theirs)


def existing_entries(owner_id: int) -> list[Entry]:
    """Every current contact of the organisation, in two queries."""
    organisations = defaultdict(set)
    for person_id, keys in Relationship.objects.filter(person__owner_id=owner_id).values_list(
        "person_id", "organisation__name_keys"
    ):
        organisations[person_id] |= unpack_keys(keys)
    rows = (
        Contact.objects.current()
        .filter(owner_id=owner_id)
        .order_by("pk")
        .values_list("pk", "kind", "email_key", "name_keys", "country_id")
    )
    return [
        Entry(pk, kind, email_key, unpack_keys(keys), country_id, organisations.get(pk, set()))
        for pk, kind, email_key, keys, country_id in rows
    ]


def index_of(owner_id: int) -> Index:
    index = Index()
    for entry in existing_entries(owner_id):
        index.add(entry)
    return index


@dataclass(frozen=True)
class Pair:
    first: int
    second: int
    reason: str


def find_duplicates(owner_id: int) -> list[Pair]:
    """Every likely duplicate among the organisation's contacts: each contact against those
    before it, through the index (one pass, whatever the number of contacts)."""
    index = Index()
    pairs = []
    for entry in existing_entries(owner_id):
        found = index.match(entry)
        if found is not None:
            pairs.append(Pair(found.ref, entry.ref, found.reason))
        index.add(entry)
    return pairs
