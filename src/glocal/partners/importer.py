"""Affiliations from the spreadsheets offices keep: CSV (UTF-8, UTF-8 with BOM or CP932,
detected) or XLSX, with Japanese or English headers.

Every row is checked first; one problem anywhere and nothing is written, and each problem names
its row, field and reason. A clean file is imported in one transaction, and importing the same
file again updates the same affiliations instead of adding new ones.
"""

import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core.tables import RowProblem as Problem
from glocal.core.tables import UnreadableFile, read_table  # noqa: F401 (part of this API)
from glocal.partners.models import Affiliation, Field, Kind
from glocal.places import codes
from glocal.places.models import Country, ForeignLocalGovernment, LocalGovernment, Subdivision
from glocal.places.text import fold

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
    partner: str
    kind: str
    signed_on: object
    fields: list[str]
    notes: str


@dataclass
class Checked:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Places:
    """Lookups shared by every row of one file."""

    def __init__(self):
        self.prefectures = {}
        for place in LocalGovernment.objects.prefectures():
            # 福島県, 福島, Fukushima Prefecture, Fukushima, Tokyo Metropolis, Tokyo
            stem = place.name[:-1] if place.name != "北海道" else place.name
            english = place.name_en.removesuffix(" Prefecture").removesuffix(" Metropolis")
            for name in (place.name, stem, place.name_en, english):
                self.prefectures[fold(name)] = place
        self.countries: dict[str, Country | None] = {}

    def country(self, value: str) -> Country | None:
        if value not in self.countries:
            found = list(Country.objects.search(value)[:2])
            self.countries[value] = found[0] if len(found) == 1 else None
        return self.countries[value]


def _japanese_side(values, places: _Places, problem) -> LocalGovernment | None:
    code = values.get("lg_code", "")
    if code:
        normalised = codes.normalise(code)
        if len(code) == 5 and code.isdigit():
            normalised = code + codes.check_digit(code)
        place = LocalGovernment.objects.filter(code=normalised).first()
        if place is None:
            problem("lg_code", _("no local government has the code %(code)s") % {"code": code})
        return place
    prefecture_name = values.get("prefecture", "")
    prefecture = places.prefectures.get(fold(prefecture_name))
    if prefecture is None:
        problem("prefecture", _("unknown prefecture %(name)r") % {"name": prefecture_name})
        return None
    municipality = unicodedata.normalize("NFKC", values.get("municipality", ""))
    if not municipality:
        return prefecture
    found = list(
        LocalGovernment.objects.current()
        .filter(prefecture=prefecture, name=municipality)
        .exclude(kind=LocalGovernment.Kind.PREFECTURE)[:2]
    )
    if len(found) != 1:
        problem(
            "municipality",
            _("no municipality %(name)s in %(prefecture)s")
            % {"name": municipality, "prefecture": prefecture.name},
        )
        return None
    return found[0]


def check(table: list[list[str]]) -> Checked:
    """Every row's problems, or the rows ready to import."""
    result = Checked()
    if not table:
        result.problems.append(Problem(1, "header", _("the file is empty")))
        return result
    columns = [_HEADER_BY_NAME.get(fold(name)) for name in table[0]]
    unknown = [name for name, key in zip(table[0], columns, strict=True) if name and key is None]
    for name in unknown:
        result.problems.append(Problem(1, name, _("unknown column")))
    for needed in ("country", "partner"):
        if needed not in columns:
            result.problems.append(Problem(1, needed, _("this column is missing")))
    if "prefecture" not in columns and "lg_code" not in columns:
        result.problems.append(Problem(1, "prefecture", _("this column is missing")))
    if result.problems:
        return result
    places = _Places()
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue  # blank lines between blocks
        values = {
            key: (cells[i] if i < len(cells) else "")
            for i, key in enumerate(columns)
            if key is not None
        }
        problems: list[Problem] = []

        def problem(name, reason, number=number, problems=problems):
            problems.append(Problem(number, name, reason))

        local_government = _japanese_side(values, places, problem)
        country_name = values.get("country", "")
        country = places.country(country_name) if country_name else None
        if country is None:
            problem("country", _("unknown country %(name)r") % {"name": country_name})
        subdivision = None
        region = values.get("partner_region", "")
        if region and country is not None:
            needle = fold(region)
            subdivision = next(
                (
                    s
                    for s in country.subdivisions.all()
                    if needle in (fold(s.name), fold(s.name_ja), fold(s.code))
                ),
                None,
            )
            if subdivision is None:
                problem(
                    "partner_region",
                    _("no region %(name)s in %(country)s")
                    % {"name": region, "country": country.name_en},
                )
        partner = values.get("partner", "")
        if not partner:
            problem("partner", _("the partner's name is missing"))
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
                Row(number, local_government, country, subdivision, partner, kind, signed_on,
                    fields, values.get("notes", ""))
            )  # fmt: skip
    return result


@dataclass
class Report:
    created: int = 0
    updated: int = 0


@transaction.atomic
def write(rows: list[Row], owner_id: int) -> Report:
    report = Report()
    for row in rows:
        partner = (
            ForeignLocalGovernment.objects.filter(country=row.country, owner_id=owner_id)
            .filter(name_local=row.partner)
            .first()
        )
        if partner is None:
            partner = ForeignLocalGovernment(owner_id=owner_id, country=row.country, is_public=True)
        partner.name_local = row.partner
        partner.name_en = partner.name_en or row.partner
        if not row.partner.isascii():
            partner.name_ja = row.partner
        partner.subdivision = row.subdivision or partner.subdivision
        partner.save()
        affiliation = Affiliation.objects.filter(
            local_government=row.local_government, partner=partner
        ).first()
        created = affiliation is None
        affiliation = affiliation or Affiliation(
            owner_id=owner_id, local_government=row.local_government, partner=partner
        )
        affiliation.kind = row.kind
        affiliation.signed_on = row.signed_on
        affiliation.set_fields(row.fields)
        affiliation.notes = row.notes
        affiliation.save()
        if created:
            report.created += 1
        else:
            report.updated += 1
    return report
