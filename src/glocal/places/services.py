"""Writes to place records, shared by the API, staff pages and importers."""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from glocal.orgs import scoping
from glocal.orgs.actors import Actor
from glocal.orgs.models import Role
from glocal.places import codes
from glocal.places.models import (
    Country,
    ForeignLocalGovernment,
    LocalGovernment,
    Subdivision,
    subdivision_names,
)
from glocal.places.text import name_key, region_stem


def local_government_by_code(raw: str) -> LocalGovernment:
    """Look up by a six-digit code, or by the five digits offices write without the check digit.

    Raises ValidationError for malformed codes and Http404 for well-formed unknown ones.
    """
    code = raw.strip()
    if len(code) == 5 and code.isascii() and code.isdigit():
        code += codes.check_digit(code)
    codes.validate(code)
    try:
        return LocalGovernment.objects.select_related("prefecture", "parent").get(code=code)
    except LocalGovernment.DoesNotExist:
        raise Http404(_("No local government has the code %(code)s.") % {"code": code}) from None


def country_by_code(raw: str) -> Country:
    code = raw.strip().upper()
    country = (
        Country.objects.filter(code=code).first() or Country.objects.filter(alpha3=code).first()
    )
    if country is None:
        raise Http404(_("No country has the ISO code %(code)s.") % {"code": raw})
    return country


def _subdivision(country: Country, code: str | None) -> Subdivision | None:
    if not code:
        return None
    subdivision = Subdivision.objects.filter(code=code.strip().upper()).first()
    if subdivision is None:
        raise ValidationError(
            {"subdivision": _("%(code)s is not an ISO 3166-2 code.") % {"code": code}}
        )
    if subdivision.country_id != country.pk:
        raise ValidationError(
            {
                "subdivision": _("%(code)s is not in %(country)s.")
                % {"code": code, "country": country.name_en}
            }
        )
    return subdivision


def _country(code: str) -> Country:
    try:
        return country_by_code(code)
    except Http404 as exc:
        raise ValidationError({"country": str(exc)}) from None


@transaction.atomic
def create_foreign_government(actor: Actor, data: dict) -> ForeignLocalGovernment:
    scoping.require(actor, data["owner_id"], Role.EDITOR)
    country = _country(data.pop("country"))
    data["subdivision"] = _subdivision(country, data.pop("subdivision", None))
    record = ForeignLocalGovernment(country=country, **data)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def update_foreign_government(
    actor: Actor, record: ForeignLocalGovernment, changes: dict
) -> ForeignLocalGovernment:
    scoping.require(actor, record.owner_id, Role.EDITOR)
    if "subdivision" in changes:
        changes["subdivision"] = _subdivision(record.country, changes["subdivision"])
    for name, value in changes.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def delete_foreign_government(actor: Actor, record: ForeignLocalGovernment) -> None:
    scoping.require(actor, record.owner_id, Role.EDITOR)
    record.delete()


class SubdivisionNames:
    """The names of every subdivision of some countries, loaded in one query, to resolve the
    region names of many rows in memory (an importer builds one per file).

    A text matches a whole name first (width, kana script, ・ ＝ and case folded), then a name
    without its administrative word (テキサス for テキサス州, 京畿 for 京畿道). A text two
    subdivisions answer to equally (アルタイ: the republic and the krai) resolves to none.
    """

    def __init__(self, countries: Iterable[Country | str]):
        codes = {c.code if isinstance(c, Country) else c.strip().upper() for c in countries}
        subdivisions = Subdivision.objects.filter(country__code__in=codes).select_related(
            "country", "parent"
        )
        self._whole: dict[tuple[str, str], set[Subdivision]] = defaultdict(set)
        self._stems: dict[tuple[str, str], set[Subdivision]] = defaultdict(set)
        for subdivision in subdivisions:
            country = subdivision.country.code
            names = subdivision_names(
                subdivision.code, subdivision.name, subdivision.name_ja, subdivision.aliases
            )
            for name in filter(None, names):
                self._whole[country, name_key(name)].add(subdivision)
                self._stems[country, region_stem(name)].add(subdivision)

    def resolve(self, country: Country | str, text: str) -> Subdivision | None:
        """The one subdivision of `country` that `text` names, or None (unknown or ambiguous)."""
        code = country.code if isinstance(country, Country) else country.strip().upper()
        needle, stem = name_key(text), region_stem(text)
        if not needle:
            return None
        for index, key in ((self._whole, needle), (self._whole, stem), (self._stems, stem)):
            found = index.get((code, key))
            if found:
                return next(iter(found)) if len(found) == 1 else None
        return None


def resolve_subdivision(country: Country | str, text: str) -> Subdivision | None:
    """The subdivision of `country` (a Country or its alpha-2 code) that `text` names: テキサス州,
    テキサス, ＴＥＸＡＳ, Texas, TX or US-TX; None when no single one matches."""
    return SubdivisionNames([country]).resolve(country, text)
