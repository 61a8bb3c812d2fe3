"""HS codes and product groups: the shipped nomenclature (data/hs2022.tsv) and the named groups
offices use (data/product_groups.tsv), read once. No database: the tables are small and fixed.

A code is kept as its digits: "03" (chapter), "0301" (heading), "030111" (subheading). Offices
write "3", "03.01", "0709.51" or "0709-51": `normalise` reads them all. Two codes overlap when
one is a prefix of the other: a measure on chapter 03 applies to heading 0301, and one on 0301
to a question about chapter 03.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from glocal.places.text import fold


@dataclass(frozen=True)
class HSCode:
    code: str
    name_ja: str
    name_en: str

    @property
    def level(self) -> str:
        return {2: "chapter", 4: "heading"}.get(len(self.code), "subheading")


@dataclass(frozen=True)
class ProductGroup:
    name_ja: str
    name_en: str
    aliases: tuple[str, ...]
    codes: tuple[str, ...]


def _rows(name: str) -> list[list[str]]:
    text = resources.files("glocal.trade").joinpath("data", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def nomenclature() -> dict[str, HSCode]:
    return {code: HSCode(code, ja, en) for code, ja, en in _rows("hs2022.tsv")}


@cache
def groups() -> tuple[ProductGroup, ...]:
    return tuple(
        ProductGroup(ja, en, tuple(a for a in aliases.split("|") if a), tuple(codes.split()))
        for ja, en, aliases, codes in _rows("product_groups.tsv")
    )


@cache
def _groups_by_name() -> dict[str, ProductGroup]:
    found = {}
    for group in groups():
        for name in (group.name_ja, group.name_en, *group.aliases):
            found[fold(name)] = group
    return found


def normalise(raw: str) -> str | None:
    """The digits of an HS code written any common way, or None when it is not one: 2, 4 or 6
    digits once dots, dashes and spaces are gone (a lone digit is a chapter: "3" is "03")."""
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    digits = "".join(c for c in text if c not in ".- ")
    if not digits.isascii() or not digits.isdigit():
        return None
    if len(digits) == 1:
        digits = "0" + digits
    return digits if len(digits) in (2, 4, 6) else None


def known(code: str) -> bool:
    """Whether the code is in the shipped nomenclature, or is a subheading of a heading there
    (the file carries every chapter of food but only the headings it needed)."""
    table = nomenclature()
    return code in table or (len(code) == 6 and code[:4] in table)


def group_named(name: str) -> ProductGroup | None:
    return _groups_by_name().get(fold(name))


def name_of(code: str, language: str = "ja") -> str:
    """The name of a code, or of the nearest level above it that the table has."""
    table = nomenclature()
    for length in (len(code), 4, 2):
        entry = table.get(code[:length])
        if entry is not None:
            return entry.name_ja if language == "ja" else entry.name_en
    return code


class UnknownProduct(ValueError):
    pass


def resolve(term: str) -> tuple[str, ...]:
    """The HS codes a product term stands for: a code, or a group's codes. Raises
    UnknownProduct for anything else."""
    group = group_named(term)
    if group is not None:
        return group.codes
    code = normalise(term)
    if code is None or not known(code):
        raise UnknownProduct(term)
    return (code,)


def overlaps(codes: tuple[str, ...] | list[str], asked: tuple[str, ...] | list[str]) -> bool:
    """Whether any code covers or is covered by any code asked about."""
    return any(a.startswith(c) or c.startswith(a) for c in codes for a in asked)


def group_of(codes) -> ProductGroup | None:
    """The group whose codes are exactly these, to show "水産物" instead of three codes."""
    wanted = tuple(sorted(codes))
    return next((g for g in groups() if tuple(sorted(g.codes)) == wanted), None)
