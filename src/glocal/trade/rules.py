"""Reading what offices write for a measure: countries, prefectures, products, dates. One
set of rules for the API, the staff pages and the importer; each raises `Invalid` naming the
field, so that a row or a request can list every problem at once."""

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from glocal import wareki
from glocal.places.models import Country, LocalGovernment
from glocal.places.text import fold
from glocal.trade import hs
from glocal.trade.models import MeasureKind, Scope


class Invalid(ValueError):
    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


SEPARATORS = str.maketrans({"、": ",", ";": ",", "；": ",", "，": ",", "\n": ","})
ALL_NAMES = {fold(n) for n in ("全都道府県", "全国", "日本全国", "all", "all of japan", "*")}
EXCEPT_PREFIXES = ("除く", "以外", "except", "all but", "all except")
KINDS = {
    MeasureKind.SUSPENSION: ("輸入停止", "停止", "suspension", "import suspension", "ban"),
    MeasureKind.INSPECTION_CERTIFICATE: (
        "放射性物質検査証明書", "検査証明書", "inspection certificate",
        "radioactive-material inspection certificate", "inspection_certificate",
    ),
    MeasureKind.ORIGIN_CERTIFICATE: (
        "産地証明書", "原産地証明書", "certificate of origin", "origin certificate",
        "origin_certificate",
    ),
    MeasureKind.BORDER_INSPECTION: (
        "輸入時検査", "サンプル検査", "国境でのサンプル検査", "border sampling inspection",
        "border inspection", "border_inspection",
    ),
    MeasureKind.OTHER: ("その他", "other"),
}  # fmt: skip
_KIND_BY_NAME = {fold(n): kind for kind, names in KINDS.items() for n in names}


def split(text: str) -> list[str]:
    return [p.strip() for p in str(text).translate(SEPARATORS).split(",") if p.strip()]


def kind(raw: str) -> str:
    found = _KIND_BY_NAME.get(fold(raw))
    if found is None:
        raise Invalid("measure", _("unknown measure %(name)r") % {"name": raw})
    return found


class Places:
    """Country and prefecture lookups for one request or one file (a query per table)."""

    def __init__(self):
        self.prefectures: dict[str, LocalGovernment] = {}
        for place in LocalGovernment.objects.prefectures():
            stem = place.name if place.name == "北海道" else place.name[:-1]
            english = place.name_en.removesuffix(" Prefecture").removesuffix(" Metropolis")
            for name in (place.code, place.code[:5], place.code[:2], place.name, stem,
                         place.name_en, english):  # fmt: skip
                self.prefectures[fold(name)] = place
        self._countries: dict[str, Country | None] = {}

    def country(self, raw: str) -> Country:
        value = unicodedata.normalize("NFKC", str(raw)).strip()
        if value not in self._countries:
            found = list(Country.objects.search(value)[:2]) if value else []
            self._countries[value] = found[0] if len(found) == 1 else None
        country = self._countries[value]
        if country is None:
            raise Invalid("country", _("unknown country or region %(name)r") % {"name": raw})
        return country

    def prefecture(self, raw: str) -> LocalGovernment:
        place = self.prefectures.get(fold(raw))
        if place is None:
            raise Invalid("prefectures", _("unknown prefecture %(name)r") % {"name": raw})
        return place

    def coverage(self, raw: str | list[str]) -> tuple[str, list[str]]:
        """(scope, sorted prefecture codes) from 全都道府県, 福島県、宮城県, or 除く 福島県 …"""
        parts = split(raw) if isinstance(raw, str) else [p.strip() for p in raw if p.strip()]
        if not parts:
            raise Invalid("prefectures", _("name the prefectures, or 全都道府県 for all"))
        if len(parts) == 1 and fold(parts[0]) in ALL_NAMES:
            return Scope.ALL, []
        scope, first = Scope.LISTED, parts[0]
        for prefix in EXCEPT_PREFIXES:
            if fold(first).startswith(fold(prefix)):
                scope, parts[0] = Scope.EXCEPT, first[len(prefix) :].strip(" :：")
        codes = sorted({self.prefecture(part).code for part in parts if part})
        return scope, codes


def products(raw: str | list[str]) -> tuple[list[str], list[str]]:
    """(sorted HS codes, the terms as written) from HS codes and product-group names."""
    terms = split(raw) if isinstance(raw, str) else [t.strip() for t in raw if t.strip()]
    if not terms:
        raise Invalid("products", _("name at least one HS code or product group"))
    codes: set[str] = set()
    for term in terms:
        try:
            codes.update(hs.resolve(term))
        except hs.UnknownProduct:
            raise Invalid(
                "products", _("unknown HS code or product group %(name)r") % {"name": term}
            ) from None
    return sorted(codes), terms


def a_date(field: str, raw: str | date | None) -> date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, date):
        return raw
    try:
        return wareki.parse_date(str(raw))
    except ValueError as exc:
        raise Invalid(field, str(exc)) from None


def period(start_raw, end_raw) -> tuple[date, date | None]:
    start = a_date("effective_from", start_raw)
    if start is None:
        raise Invalid("effective_from", _("the start date is missing"))
    end = a_date("effective_to", end_raw)
    if end is not None and end <= start:
        raise Invalid("effective_to", _("the measure ends before it starts"))
    return start, end


@dataclass
class MeasureData:
    """A measure's content as checked: what one version records."""

    country: Country
    kind: str
    title: str
    scope: str
    prefectures: list[str]
    products: list[str]
    product_terms: list[str]
    effective_from: date
    effective_to: date | None = None
    reference: str = ""
    reference_url: str = ""
    notes: str = ""
    illustrative: bool = False
