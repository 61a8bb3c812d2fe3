"""Reference geography, loaded into the database by `glocal load-reference`.

Sources, both shipped inside installed packages (nothing is downloaded):
- Japan: the `japancode` package's municipality list (MIT; data from a CC0 source). Its codes for
  prefectures 01–09 have lost their leading zero, so every code is padded and its check digit
  verified; ward names come as "札幌市 中央区" and are split into city and ward.
- Countries and subdivisions: ISO 3166-1 and 3166-2 from `pycountry`, with Japanese names from its
  catalogue, corrected and extended with the names offices write (data/country_names_ja.tsv);
  and, as countries, the few parties that are not ISO countries but set rules like one (the
  European Union, under ISO's exceptionally reserved code EU: data/non_iso_countries.tsv);
  subdivisions of the countries most partners are in get the names offices write, with their
  variants, from data/subdivision_names_ja.tsv.

Loading compares with what is stored and writes only differences, so a second run changes nothing.
"""

import csv
import gettext
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

import pycountry
from django.db import models, transaction
from tqdm import tqdm

from glocal.places import codes
from glocal.places.models import (
    Country,
    CountryAlias,
    LocalGovernment,
    Subdivision,
    search_text,
    subdivision_search_text,
)
from glocal.places.text import romanise

Kind = LocalGovernment.Kind
_SUFFIXES = (  # kana ending → kind and its English word
    ("し", Kind.CITY, "City"),
    ("ちょう", Kind.TOWN, "Town"),
    ("まち", Kind.TOWN, "Town"),
    ("そん", Kind.VILLAGE, "Village"),
    ("むら", Kind.VILLAGE, "Village"),
    ("く", Kind.SPECIAL_WARD, "City"),  # Tokyo's special wards call themselves cities in English
)


class ReferenceDataError(Exception):
    """The shipped reference data failed a check; nothing was written."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("glocal.places.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _japancode(name: str) -> list[dict]:
    return json.loads(resources.files("japancode.data").joinpath(name).read_text("utf-8"))


def _verified_code(raw: str, name: str) -> str:
    code = codes.normalise(raw)
    if not codes.is_valid(code):
        raise ReferenceDataError(f"{name}: {raw!r} is not a valid local government code")
    return code


def _prefecture_name_en(name: str, stem: str) -> str:
    if name == "北海道":
        return "Hokkaido"
    return f"{stem} Metropolis" if name.endswith("都") else f"{stem} Prefecture"


def japan_rows() -> list[dict]:
    """Prefectures, then municipalities, then wards: each row a LocalGovernment's fields."""
    municipalities = _japancode("municipalities.json")
    position = {}
    rows: list[dict] = []
    for city in municipalities:
        if " " not in city["city"]:
            position[(city["pref"], city["city"])] = (city["lat"], city["lng"])
    capitals = {row["prefecture"]: row["capital"] for row in _read_tsv("prefectural_capitals.tsv")}
    for pref in _japancode("prefectures.json"):
        lat, lng = position[(pref["pref"], capitals[pref["pref"]])]
        rows.append(
            {
                "code": _verified_code(pref["lgcode"], pref["pref"]),
                "kind": Kind.PREFECTURE,
                "name": pref["pref"],
                "kana": pref["prefkana"],
                "name_en": _prefecture_name_en(pref["pref"], pref["pref_en"]),
                "prefecture": None,
                "parent": None,
                "latitude": lat,
                "longitude": lng,
            }
        )
    prefecture_codes = {row["name"]: row["code"] for row in rows}
    city_codes: dict[tuple[str, str], str] = {}
    wards = []
    for city in municipalities:
        if " " in city["city"]:
            wards.append(city)
            continue
        row = _municipality_row(city, prefecture_codes[city["pref"]])
        city_codes[(city["pref"], city["city"])] = row["code"]
        rows.append(row)
    for ward in wards:
        city_name, ward_name = ward["city"].split(" ")
        city_kana, ward_kana = ward["citykana"].split(" ")
        stem = romanise(ward_kana.removesuffix("く")).capitalize()
        city_stem = romanise(city_kana.removesuffix("し")).capitalize()
        rows.append(
            {
                "code": _verified_code(ward["lgcode"], ward["city"]),
                "kind": Kind.WARD,
                "name": city_name + ward_name,
                "kana": city_kana + ward_kana,
                "name_en": f"{stem} Ward, {city_stem}",
                "prefecture": prefecture_codes[ward["pref"]],
                "parent": city_codes[(ward["pref"], city_name)],
                "latitude": ward["lat"],
                "longitude": ward["lng"],
            }
        )
    return _attach_names(_apply_changes(rows))


def _attach_names(rows: list[dict]) -> list[dict]:
    """Names in other content languages from data/place_names.tsv (checked against the codes)."""
    by_code = {row["code"]: row for row in rows}
    for row in rows:
        row["names"] = {}
    for entry in _read_tsv("place_names.tsv"):
        code = _verified_code(entry.pop("code"), "place_names.tsv")
        name = entry.pop("name")
        row = by_code.get(code)
        if row is None or row["name"] != name:
            raise ReferenceDataError(f"place_names.tsv: {code} is not {name}")
        row["names"] = {tag: value for tag, value in entry.items() if value}
    return rows


def _apply_changes(rows: list[dict]) -> list[dict]:
    """Mark abolished codes and add new ones from data/municipal_changes.tsv."""
    by_code = {row["code"]: row for row in rows}
    for row in rows:
        row["abolished_on"] = None
    for change in _read_tsv("municipal_changes.tsv"):
        code = _verified_code(change["code"], "municipal_changes.tsv")
        if change["abolished_on"]:
            by_code[code]["abolished_on"] = date.fromisoformat(change["abolished_on"])
            continue
        parent = by_code[change["parent"]]
        kana_stem = change["kana"].removeprefix(parent["kana"]).removesuffix("く")
        city_stem = parent["name_en"].removesuffix(" City")
        rows.append(
            {
                "code": code,
                "kind": Kind.WARD,
                "name": change["name"],
                "kana": change["kana"],
                "name_en": f"{romanise(kana_stem).capitalize()} Ward, {city_stem}",
                "prefecture": parent["prefecture"],
                "parent": parent["code"],
                "latitude": float(change["latitude"]),
                "longitude": float(change["longitude"]),
                "abolished_on": None,
            }
        )
    return rows


def _municipality_row(city: dict, prefecture_code: str) -> dict:
    kana = city["citykana"]
    suffix = next((s for s in _SUFFIXES if kana.endswith(s[0])), None)
    if suffix is None or city["city"][-1] not in "市町村区":
        raise ReferenceDataError(f"{city['city']}: cannot tell its type from {kana!r}")
    ending, kind, word = suffix
    stem = romanise(kana.removesuffix(ending)).capitalize()
    return {
        "code": _verified_code(city["lgcode"], city["city"]),
        "kind": kind,
        "name": city["city"],
        "kana": kana,
        "name_en": f"{stem} {word}",
        "prefecture": prefecture_code,
        "parent": None,
        "latitude": city["lat"],
        "longitude": city["lng"],
    }


def country_rows() -> tuple[list[dict], list[dict]]:
    """Countries with Japanese names, and their aliases."""
    japanese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    curated = {row["code"]: row for row in _read_tsv("country_names_ja.tsv")}
    countries, aliases = [], []
    for country in pycountry.countries:
        extra = curated.get(country.alpha_2, {})
        catalogue_ja = japanese.gettext(country.name)
        name_ja = extra.get("name_ja") or catalogue_ja
        name_en = getattr(country, "common_name", None) or country.name
        countries.append(
            {
                "code": country.alpha_2,
                "alpha3": country.alpha_3,
                "numeric": country.numeric,
                "name_en": name_en,
                "official_name_en": getattr(country, "official_name", ""),
                "name_ja": name_ja,
            }
        )
        names = {catalogue_ja, country.name, *filter(None, (extra.get("aliases") or "").split("|"))}
        for alias in sorted(names - {name_ja, name_en}):
            language = "en" if alias.isascii() else "ja"
            aliases.append({"country": country.alpha_2, "name": alias, "language": language})
    _add_non_iso(countries, aliases)
    return countries, aliases


def _add_non_iso(countries: list[dict], aliases: list[dict]) -> None:
    """The parties of data/non_iso_countries.tsv (the EU), each checked not to take a code ISO
    assigned to a country."""
    for entry in _read_tsv("non_iso_countries.tsv"):
        code, alpha3 = entry["code"], entry["alpha3"]
        if pycountry.countries.get(alpha_2=code) or pycountry.countries.get(alpha_3=alpha3):
            raise ReferenceDataError(f"non_iso_countries.tsv: {code} is an ISO country's code")
        names = [name for name in (entry["aliases"] or "").split("|") if name]
        countries.append({
            "code": code, "alpha3": alpha3, "numeric": "", "name_en": entry["name_en"],
            "official_name_en": entry["official_name_en"], "name_ja": entry["name_ja"],
        })  # fmt: skip
        for alias in sorted(set(names) - {entry["name_ja"], entry["name_en"]}):
            language = "en" if alias.isascii() else "ja"
            aliases.append({"country": code, "name": alias, "language": language})


def subdivision_names_ja() -> dict[str, dict]:
    """data/subdivision_names_ja.tsv by ISO 3166-2 code, every code checked against pycountry."""
    names = {}
    for entry in _read_tsv("subdivision_names_ja.tsv"):
        code = entry["code"]
        if pycountry.subdivisions.get(code=code) is None:
            raise ReferenceDataError(f"subdivision_names_ja.tsv: {code} is not an ISO 3166-2 code")
        if code in names:
            raise ReferenceDataError(f"subdivision_names_ja.tsv: {code} is listed twice")
        aliases = [alias.strip() for alias in (entry["aliases"] or "").split("|") if alias.strip()]
        names[code] = {"name_ja": entry["name_ja"], "aliases": aliases}
    return names


def subdivision_rows() -> list[dict]:
    """ISO 3166-2 subdivisions; Japanese names from our table, else from pycountry's catalogue
    (which the table overrides: it has errors such as Lamphun written as Lampang)."""
    japanese = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ja"])
    curated = subdivision_names_ja()
    rows = []
    for sub in pycountry.subdivisions:
        translated = japanese.gettext(sub.name)
        catalogue_ja = translated if translated != sub.name else ""
        extra = curated.get(sub.code, {"name_ja": catalogue_ja, "aliases": []})
        row = {
            "code": sub.code,
            "country": sub.country_code,
            "parent": sub.parent_code,
            "name": sub.name,
            "name_ja": extra["name_ja"],
            "kind": sub.type,
            "aliases": extra["aliases"],
        }
        row["search_text"] = subdivision_search_text(
            sub.code, sub.name, row["name_ja"], row["aliases"]
        )
        rows.append(row)
    return rows


def _by_depth(rows: list[dict]) -> list[list[dict]]:
    """Subdivisions grouped by nesting depth, parents first, so children can find their ids."""
    parent_of = {row["code"]: row["parent"] for row in rows}

    def depth(code: str | None) -> int:
        return 0 if parent_of.get(code) is None else 1 + depth(parent_of[code])

    levels: dict[int, list[dict]] = {}
    for row in rows:
        levels.setdefault(depth(row["code"]), []).append(row)
    return [levels[level] for level in sorted(levels)]


def _sync(
    model: type[models.Model],
    key: Callable[[dict], tuple],
    rows: Iterable[dict],
    report: LoadReport,
    progress: tqdm | None,
) -> None:
    """Insert missing rows and update changed ones; leave equal rows untouched."""
    fields = None
    existing = {}
    for obj in model.objects.all():
        existing[key(obj.__dict__)] = obj
    new, changed = [], []
    for row in rows:
        fields = fields or list(row)
        obj = existing.get(key(row))
        if obj is None:
            new.append(model(**row))
        elif any(getattr(obj, name) != value for name, value in row.items()):
            for name, value in row.items():
                setattr(obj, name, value)
            changed.append(obj)
        if progress is not None:
            progress.update()
    model.objects.bulk_create(new, batch_size=500)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=500)
    name = model.__name__
    report.created[name] = report.created.get(name, 0) + len(new)
    report.updated[name] = report.updated.get(name, 0) + len(changed)


def _resolve(rows: list[dict], fields: dict[str, dict[str, int]]) -> list[dict]:
    """Replace natural keys (codes) in `fields` with database ids, as `<field>_id`."""
    resolved = []
    for row in rows:
        row = dict(row)
        for name, ids in fields.items():
            value = row.pop(name)
            row[f"{name}_id"] = None if value is None else ids[value]
        resolved.append(row)
    return resolved


def _ids(model: type[models.Model]) -> dict[str, int]:
    return dict(model.objects.values_list("code", "id"))


def load_reference(progress: bool = True) -> LoadReport:
    """Load or refresh all reference geography in one transaction."""
    japan = japan_rows()
    for row in japan:
        row["search_text"] = search_text(row["name"], row["kana"], row["name_en"])
    countries, aliases = country_rows()
    subdivisions = subdivision_rows()
    total = len(japan) + len(countries) + len(aliases) + len(subdivisions)
    report = LoadReport()
    bar = tqdm(total=total, desc="reference data", unit="rows", disable=not progress)
    by_code: Callable[[dict], tuple] = lambda row: (row["code"],)  # noqa: E731
    with bar, transaction.atomic():
        prefectures = [row for row in japan if row["kind"] == Kind.PREFECTURE]
        cities = [row for row in japan if row["kind"] not in (Kind.PREFECTURE, Kind.WARD)]
        wards = [row for row in japan if row["kind"] == Kind.WARD]
        _sync(
            LocalGovernment,
            by_code,
            _resolve(prefectures, {"prefecture": {}, "parent": {}}),
            report,
            bar,
        )
        refs = {"prefecture": _ids(LocalGovernment), "parent": {}}
        _sync(LocalGovernment, by_code, _resolve(cities, refs), report, bar)
        refs = {"prefecture": _ids(LocalGovernment), "parent": _ids(LocalGovernment)}
        _sync(LocalGovernment, by_code, _resolve(wards, refs), report, bar)

        _attach_search_text(countries, aliases)
        _sync(Country, by_code, countries, report, bar)
        country_ids = _ids(Country)
        _sync(
            CountryAlias,
            lambda row: (row["country_id"], row["name"]),
            _resolve(aliases, {"country": country_ids}),
            report,
            bar,
        )
        for level in _by_depth(subdivisions):
            refs = {"country": country_ids, "parent": _ids(Subdivision)}
            _sync(Subdivision, by_code, _resolve(level, refs), report, bar)
    return report


def _attach_search_text(countries: list[dict], aliases: list[dict]) -> None:
    by_country: dict[str, list[str]] = {}
    for alias in aliases:
        by_country.setdefault(alias["country"], []).append(alias["name"])
    for row in countries:
        names = (row["name_ja"], row["name_en"], row["official_name_en"])
        row["search_text"] = search_text(*names, *by_country.get(row["code"], []))
