"""Contacts from the name lists sections keep: CSV (UTF-8, BOM, CP932) or XLSX with Japanese or
English headers.

Every row is checked first; one problem anywhere and nothing is written, each problem naming
its row and column. Countries, languages and the organisation's existing contacts are read
once for the whole file. Duplicates, within the file and against the contacts already kept, are
found through one index of folded keys (glocal.network.duplicates), reported with their reason
and merged into one contact: importing the same file again changes nothing.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from glocal.core import exports
from glocal.core.tables import RowProblem as Problem
from glocal.core.tables import UnreadableFile, read_table  # noqa: F401 (part of this API)
from glocal.network import values
from glocal.network.duplicates import Entry, Index, index_of
from glocal.network.models import (
    NAME_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Category,
    Contact,
    OrganisationType,
)
from glocal.network.names import email_key, name_keys
from glocal.places.text import fold

# The columns, in the order exports write them: (Japanese, English, other spellings).
HEADERS = {
    "name": ("氏名", "name", "名前", "団体名"),
    "kana": ("ふりがな", "kana", "フリガナ"),
    "romaji": ("ローマ字", "romaji"),
    "category": ("区分", "category"),
    "country": ("国", "country", "国名"),
    "language": ("言語", "language"),
    "email": ("メール", "email", "e-mail", "メールアドレス"),
    "phone": ("電話", "phone", "電話番号"),
    "organisation": ("所属", "organisation", "organization"),
    "title": ("役職", "title"),
    "consent_on": ("同意日", "consent_on"),
    "notes": ("備考", "notes"),
}
_HEADER_BY_NAME = {fold(name): key for key, names in HEADERS.items() for name in names}

# 区分: what a person is (with the JET role as a fact), or what kind of organisation a row is.
PERSON_WORDS = {
    "jet": (Category.JET, {}),
    "alt": (Category.JET, {"role": "ALT"}),
    "cir": (Category.JET, {"role": "CIR"}),
    "元jet": (Category.JET, {"alumnus": "yes"}),
    "jetob": (Category.JET, {"alumnus": "yes"}),
    "jetalumni": (Category.JET, {"alumnus": "yes"}),
    "jetalumnus": (Category.JET, {"alumnus": "yes"}),
    "留学生": (Category.STUDENT, {}),
    "student": (Category.STUDENT, {}),
    "外交団": (Category.DIPLOMAT, {}),
    "外交官": (Category.DIPLOMAT, {}),
    "diplomat": (Category.DIPLOMAT, {}),
    "県人会": (Category.KENJINKAI, {}),
    "県人会員": (Category.KENJINKAI, {}),
    "kenjinkai": (Category.KENJINKAI, {}),
    "姉妹都市": (Category.SISTER_CITY, {}),
    "sistercity": (Category.SISTER_CITY, {}),
    "ビジネス": (Category.BUSINESS, {}),
    "business": (Category.BUSINESS, {}),
    "ボランティア": (Category.VOLUNTEER, {}),
    "volunteer": (Category.VOLUNTEER, {}),
    "通訳": (Category.INTERPRETER, {}),
    "interpreter": (Category.INTERPRETER, {}),
}
ORGANISATION_WORDS = {
    "大使館": OrganisationType.EMBASSY,
    "embassy": OrganisationType.EMBASSY,
    "領事館": OrganisationType.CONSULATE,
    "総領事館": OrganisationType.CONSULATE,
    "consulate": OrganisationType.CONSULATE,
    "海外県人会": OrganisationType.ASSOCIATION,
    "association": OrganisationType.ASSOCIATION,
    "大学": OrganisationType.UNIVERSITY,
    "university": OrganisationType.UNIVERSITY,
    "企業": OrganisationType.COMPANY,
    "company": OrganisationType.COMPANY,
    "npo": OrganisationType.NPO,
    "報道": OrganisationType.MEDIA,
    "media": OrganisationType.MEDIA,
    "外国自治体": OrganisationType.GOVERNMENT,
    "government": OrganisationType.GOVERNMENT,
    "団体": OrganisationType.OTHER,
    "organisation": OrganisationType.OTHER,
}
PERSON_WORDS = {fold(word): meaning for word, meaning in PERSON_WORDS.items()}
ORGANISATION_WORDS = {fold(word): kind for word, kind in ORGANISATION_WORDS.items()}
_SEPARATORS = str.maketrans({"、": ",", ";": ",", "；": ",", "，": ",", "/": ",", "／": ","})


@dataclass
class Row:
    """One checked row: the values a contact is made of, and its keys for matching."""

    number: int
    kind: str
    name: str
    kana: str
    romaji: str
    organisation_type: str
    categories: list[str]
    facts: dict
    country: object
    language: str
    email: str
    phone: str
    organisation: str
    title: str
    consent_on: object
    notes: str
    keys: set[str] = field(default_factory=set)

    def entry(self) -> Entry:
        organisations = {fold(self.organisation)} if self.organisation else set()
        return Entry(
            ("row", self.number), self.kind, email_key(self.email), self.keys,
            self.country.pk if self.country else None, organisations,
        )  # fmt: skip


@dataclass(frozen=True)
class Duplicate:
    row: int
    target: str  # "contact 12" or "row 4"
    reason: str

    def __str__(self) -> str:
        return _("row %(row)s is %(target)s: %(reason)s") % {
            "row": self.row,
            "target": self.target,
            "reason": self.reason,
        }


@dataclass
class Checked:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    # Row number → ("contact", pk) or ("row", number of the first row of the same person).
    targets: dict[int, tuple[str, int]] = field(default_factory=dict)


def _header(table) -> tuple[list, list[Problem]]:
    if not table:
        return [], [Problem(1, "header", _("the file is empty"))]
    columns = [_HEADER_BY_NAME.get(fold(name)) for name in table[0]]
    problems = [
        Problem(1, name, _("unknown column"))
        for name, key in zip(table[0], columns, strict=True)
        if name and key is None
    ]
    if "name" not in columns:
        problems.append(Problem(1, "name", _("this column is missing")))
    return columns, problems


def _records(table, columns):
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        yield (
            number,
            {
                key: exports.unquote(cells[i]) if i < len(cells) else ""
                for i, key in enumerate(columns)
                if key is not None
            },
        )


def _category_words(text: str, problem) -> tuple[str, str, list[str], dict]:
    """(kind, organisation type, categories, facts) from a 区分 cell."""
    kind, organisation_type, categories, facts = Contact.Kind.PERSON, "", set(), {}
    for word in filter(None, (w.strip() for w in text.translate(_SEPARATORS).split(","))):
        key = fold(word)
        if key in ORGANISATION_WORDS:
            kind, organisation_type = Contact.Kind.ORGANISATION, ORGANISATION_WORDS[key]
        elif key in PERSON_WORDS:
            category, extra = PERSON_WORDS[key]
            categories.add(category)
            if extra:
                facts.setdefault(category, {}).update(extra)
        else:
            problem("category", _("unknown category %(name)s") % {"name": word})
    return kind, organisation_type, sorted(categories), facts


def _bounded(values: dict, name: str, limit: int, problem) -> str:
    text = values.get(name, "")
    if len(text) > limit:
        problem(name, _("longer than %(n)s characters") % {"n": limit})
        return ""
    return text


def _check_row(number: int, cells: dict, countries: values.Countries, problems: list):
    found = []

    def problem(name, reason):
        found.append(Problem(number, name, reason))

    def checked(name, check):
        try:
            return check(cells.get(name, ""))
        except ValueError as exc:
            problem(name, str(exc))
            return None

    name = _bounded(cells, "name", NAME_MAX, problem)
    if not name and "name" not in {p.field for p in found}:
        problem("name", _("the name is missing"))
    kana = _bounded(cells, "kana", NAME_MAX, problem)
    romaji = _bounded(cells, "romaji", NAME_MAX, problem)
    kind, organisation_type, categories, facts = _category_words(cells.get("category", ""), problem)
    row = Row(
        number=number, kind=kind, name=name, kana=kana, romaji=romaji,
        organisation_type=organisation_type, categories=categories, facts=facts,
        country=checked("country", countries.get),
        language=checked("language", values.language) or "",
        email=checked("email", values.email) or "",
        phone=checked("phone", values.phone) or "",
        organisation=_bounded(cells, "organisation", NAME_MAX, problem),
        title=_bounded(cells, "title", TITLE_MAX, problem),
        consent_on=checked("consent_on", values.past_date),
        notes=_bounded(cells, "notes", TEXT_MAX, problem),
    )  # fmt: skip
    if found:
        problems.extend(found)
        return None
    row.keys = name_keys(row.name, row.kana, row.romaji)
    return row


def check(table: list[list[str]], owner_id: int | None = None, index: Index | None = None):
    """Every row's problems, or the rows ready to import with their duplicates (within the
    file, and against the contacts `owner_id` keeps, unless `index` is given)."""
    result = Checked()
    columns, result.problems = _header(table)
    if result.problems:
        return result
    countries = values.Countries()
    for number, cells in _records(table, columns):
        row = _check_row(number, cells, countries, result.problems)
        if row is not None:
            result.rows.append(row)
    if result.problems:
        result.rows = []
        return result
    if index is None:
        index = index_of(owner_id) if owner_id is not None else Index()
    _match(result, index)
    return result


def _match(result: Checked, index: Index) -> None:
    """Each row against the contacts kept and the rows before it, through one index."""
    for row in result.rows:
        entry = row.entry()
        found = index.match(entry)
        if found is not None:
            kind, ref = found.ref if isinstance(found.ref, tuple) else ("contact", found.ref)
            target = result.targets.get(ref, ("row", ref)) if kind == "row" else (kind, ref)
            result.targets[row.number] = target
            label = _("contact %(n)s") if target[0] == "contact" else _("a duplicate of row %(n)s")
            result.duplicates.append(Duplicate(row.number, label % {"n": target[1]}, found.reason))
        index.add(entry)


def data_rows(table: list[list[str]]) -> int:
    return sum(1 for cells in table[1:] if any(cells))


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
