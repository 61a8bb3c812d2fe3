"""Affiliations from the spreadsheets offices keep: CSV (UTF-8, UTF-8 with BOM or CP932,
detected) or XLSX, with Japanese or English headers.

Every row is checked first; one problem anywhere and nothing is written, and each problem names
its row, field and reason. Names are resolved for the whole file at once (one query per table,
not per row). A clean file is written by glocal.partners.services.import_rows in one short
transaction, and importing the same file again updates the same affiliations instead of adding
new ones.
"""

import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core import exports
from glocal.core.tables import RowProblem as Problem
from glocal.core.tables import UnreadableFile, read_table  # noqa: F401 (part of this API)
from glocal.partners.models import TEXT_MAX, Field, Kind, validate_field_codes
from glocal.places import codes
from glocal.places.models import Country, ForeignLocalGovernment, LocalGovernment, Subdivision
from glocal.places.services import SubdivisionNames
from glocal.places.text import fold

# Bigger files are imported with `glocal partners import` or in the background (see
# glocal.partners.tasks): a web request checks at most this many rows while someone waits.
WEB_ROW_LIMIT = 5_000
PARTNER_NAME_MAX = ForeignLocalGovernment._meta.get_field("name_local").max_length
REGION_MAX = ForeignLocalGovernment._meta.get_field("region_as_written").max_length

HEADERS = {
    "prefecture": ("都道府県", "prefecture"),
    "municipality": ("自治体名", "municipality"),
    "lg_code": ("団体コード", "lg_code"),
    "country": ("相手国", "country"),
    "partner_region": ("相手州・省", "partner_region"),
    "partner": ("相手自治体", "partner"),
    "kind": ("提携種別", "kind"),
    "signed_on": ("提携日", "signed_on"),
    "fields": ("分野", "fields"),
    "notes": ("備考", "notes"),
}
KINDS = {
    Kind.SISTER: ("姉妹", "姉妹都市", "姉妹提携", "姉妹州", "姉妹県", "sister", "sister city"),
    Kind.FRIENDSHIP: ("友好", "友好都市", "友好提携", "友好交流", "friendship"),
    Kind.PARTNERSHIP: (
        "パートナー",
        "パートナーシップ",
        "パートナー都市",
        "partnership",
        "partner",
    ),
    Kind.OTHER: ("経済", "経済交流", "その他", "other", "economic"),
}
FIELDS = {
    Field.EDUCATION: ("教育", "education"),
    Field.CULTURE: ("文化", "culture"),
    Field.SPORTS: ("スポーツ", "sports"),
    Field.YOUTH: ("青少年", "youth"),
    Field.ECONOMY: ("経済", "economy"),
    Field.TOURISM: ("観光", "tourism"),
    Field.ADMINISTRATION: ("行政", "administration"),
    Field.ENVIRONMENT: ("環境", "environment"),
    Field.DISASTER: ("防災", "disaster prevention", "disaster"),
    Field.MEDICINE: ("医療", "medicine"),
    Field.AGRICULTURE: ("農業", "agriculture"),
    Field.OTHER: ("その他", "other"),
}
_KIND_BY_NAME = {fold(name): kind for kind, names in KINDS.items() for name in names}
_FIELD_BY_NAME = {fold(name): value for value, names in FIELDS.items() for name in names}
_HEADER_BY_NAME = {fold(name): key for key, names in HEADERS.items() for name in names}
_SEPARATORS = str.maketrans({"、": ",", ";": ",", "；": ",", "，": ",", "・": ","})


@dataclass
class Row:
    number: int
    local_government: LocalGovernment
    country: Country
    subdivision: Subdivision | None
    region: str  # as the file writes it, kept where no subdivision answers to it
    partner: str
    kind: str
    signed_on: object
    fields: list[str]
    notes: str


@dataclass
class Checked:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # imported all the same


class _Places:
    """Every lookup a file needs, made once per table before the rows are checked: one query
    for prefectures, one for codes, one for municipalities by name, one for countries, one for
    subdivisions; never one per row."""

    def __init__(self, records: list[dict]):
        self.prefectures = {}
        for place in LocalGovernment.objects.prefectures():
            # 福島県, 福島, Fukushima Prefecture, Fukushima, Tokyo Metropolis, Tokyo
            stem = place.name[:-1] if place.name != "北海道" else place.name
            english = place.name_en.removesuffix(" Prefecture").removesuffix(" Metropolis")
            for name in (place.name, stem, place.name_en, english):
                self.prefectures[fold(name)] = place
        wanted_codes = {_code(r["lg_code"]) for r in records if r.get("lg_code")}
        self.by_code = {p.code: p for p in LocalGovernment.objects.filter(code__in=wanted_codes)}
        names = {_municipality(r) for r in records if not r.get("lg_code")} - {""}
        self.municipalities: dict[tuple, list] = {}
        for place in (
            LocalGovernment.objects.current()
            .filter(name__in=names)
            .exclude(kind=LocalGovernment.Kind.PREFECTURE)
        ):
            self.municipalities.setdefault((place.prefecture_id, place.name), []).append(place)
        self.all_countries = list(Country.objects.order_by("code"))
        self.countries = {
            name: self._country(name) for name in {r.get("country", "") for r in records}
        }
        regions = {
            self.countries.get(r.get("country", "")) for r in records if r.get("partner_region")
        }
        # テキサス州, テキサス, Texas, TX and US-TX alike, in one query for the whole file.
        self.subdivisions = SubdivisionNames(regions - {None})

    def _country(self, value: str) -> Country | None:
        """As Country.objects.search(value) finds it, among the countries read once."""
        needle = fold(value)
        if not needle:
            return None
        found = []
        if len(needle) in (2, 3) and needle.isascii() and needle.isalpha():
            found = [
                c for c in self.all_countries if needle in (c.code.casefold(), c.alpha3.casefold())
            ]
        if not found:
            found = [c for c in self.all_countries if f" {needle} " in c.search_text]
        if not found:
            found = [c for c in self.all_countries if needle in c.search_text]
        return found[0] if len(found) == 1 else None

    def municipality(self, prefecture, name: str) -> list:
        return self.municipalities.get((prefecture.pk, name), [])


def _code(raw: str) -> str:
    if len(raw) == 5 and raw.isdigit():
        return raw + codes.check_digit(raw)
    return codes.normalise(raw)


def _municipality(values: dict) -> str:
    return unicodedata.normalize("NFKC", values.get("municipality", ""))


def _japanese_side(values, places: _Places, problem) -> LocalGovernment | None:
    code = values.get("lg_code", "")
    if code:
        place = places.by_code.get(_code(code))
        if place is None:
            problem("lg_code", _("no local government has the code %(code)s") % {"code": code})
        return place
    prefecture_name = values.get("prefecture", "")
    prefecture = places.prefectures.get(fold(prefecture_name))
    if prefecture is None:
        problem("prefecture", _("unknown prefecture %(name)r") % {"name": prefecture_name})
        return None
    municipality = _municipality(values)
    if not municipality:
        return prefecture
    found = places.municipality(prefecture, municipality)
    if len(found) != 1:
        problem(
            "municipality",
            _("no municipality %(name)s in %(prefecture)s")
            % {"name": municipality, "prefecture": prefecture.name},
        )
        return None
    return found[0]


def _header_problems(table: list[list[str]]) -> tuple[list, list[Problem]]:
    if not table:
        return [], [Problem(1, "header", _("the file is empty"))]
    columns = [_HEADER_BY_NAME.get(fold(name)) for name in table[0]]
    problems = []
    unknown = [name for name, key in zip(table[0], columns, strict=True) if name and key is None]
    for name in unknown:
        problems.append(Problem(1, name, _("unknown column")))
    for needed in ("country", "partner"):
        if needed not in columns:
            problems.append(Problem(1, needed, _("this column is missing")))
    if "prefecture" not in columns and "lg_code" not in columns:
        problems.append(Problem(1, "prefecture", _("this column is missing")))
    return columns, problems


def _records(table, columns) -> list[tuple[int, dict]]:
    """Each non-blank row as column → text, numbered as spreadsheets number them. A cell an
    export marked as text ('=…) is read back as it was."""
    records = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue  # blank lines between blocks
        values = {
            key: exports.unquote(cells[i]) if i < len(cells) else ""
            for i, key in enumerate(columns)
            if key is not None
        }
        records.append((number, values))
    return records


def data_rows(table: list[list[str]]) -> int:
    """How many rows below the header have something in them."""
    return sum(1 for cells in table[1:] if any(cells))


def check(table: list[list[str]], progress=None) -> Checked:
    """Every row's problems, or the rows ready to import. `progress(n)` hears every
    PROGRESS_EVERY rows how many are checked."""
    result = Checked()
    columns, result.problems = _header_problems(table)
    if result.problems:
        return result
    records = _records(table, columns)
    places = _Places([values for _number, values in records])
    for done, (number, values) in enumerate(records, start=1):
        _check_row(number, values, places, result)
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)
    if progress is not None:
        progress(len(records))
    return result


PROGRESS_EVERY = 1000


def _check_row(number: int, values: dict, places: _Places, result: Checked) -> None:
    problems: list[Problem] = []

    def problem(name, reason):
        problems.append(Problem(number, name, reason))

    local_government = _japanese_side(values, places, problem)
    country_name = values.get("country", "")
    country = places.countries.get(country_name) if country_name else None
    if country is None:
        problem("country", _("unknown country %(name)r") % {"name": country_name})
    subdivision = None
    region = values.get("partner_region", "")
    if len(region) > REGION_MAX:
        problem("partner_region", _("longer than %(n)s characters") % {"n": REGION_MAX})
    elif region and country is not None:
        subdivision = places.subdivisions.resolve(country, region)
        if subdivision is None:  # the region is a detail: the row imports, the text is kept
            result.warnings.append(
                Problem(
                    number,
                    "partner_region",
                    _("no region %(name)s is known in %(country)s; kept as written")
                    % {"name": region, "country": country.name_ja or country.name_en},
                )
            )
    partner = values.get("partner", "")
    if not partner:
        problem("partner", _("the partner's name is missing"))
    elif len(partner) > PARTNER_NAME_MAX:
        problem("partner", _("longer than %(n)s characters") % {"n": PARTNER_NAME_MAX})
    notes = values.get("notes", "")
    if len(notes) > TEXT_MAX:
        problem("notes", _("longer than %(n)s characters") % {"n": TEXT_MAX})
    kind_name = values.get("kind", "")
    kind = _KIND_BY_NAME.get(fold(kind_name)) if kind_name else Kind.SISTER
    if kind is None:
        problem("kind", _("unknown kind %(name)r") % {"name": kind_name})
    signed_on = None
    if values.get("signed_on"):
        try:
            signed_on = wareki.parse_date(values["signed_on"])
        except ValueError as exc:
            problem("signed_on", str(exc))
    fields = []
    for name in filter(
        None, (p.strip() for p in values.get("fields", "").translate(_SEPARATORS).split(","))
    ):
        value = _FIELD_BY_NAME.get(fold(name))
        if value is None:
            problem("fields", _("unknown field %(name)r") % {"name": name})
        else:
            fields.append(value)
    if problems:
        result.problems.extend(problems)
    else:
        result.rows.append(
            Row(number, local_government, country, subdivision, region, partner, kind,
                signed_on, validate_field_codes(fields), notes)
        )  # fmt: skip


@dataclass
class Report:
    created: int = 0
    updated: int = 0
