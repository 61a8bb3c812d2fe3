"""Each value of a contact checked once, for the API, the staff pages and the importer alike.

Every function takes text as people write it and returns the stored value, or raises
ValueError with a message that names what is wrong (the caller adds the row or field).
"""

import datetime
import re
import unicodedata
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal import languages, wareki
from glocal.network.models import EMAIL_MAX, FACTS, PHONE_MAX, Category
from glocal.places.models import Country, CountryAlias
from glocal.places.text import fold

_PHONE = re.compile(r"^\+?[0-9()\- .]{4,}(?:\s*(?:ext\.?|内線)\s*[0-9]+)?$")


def email(text: str) -> str:
    value = unicodedata.normalize("NFKC", text or "").strip()
    if not value:
        return ""
    if len(value) > EMAIL_MAX:
        raise ValueError(_("longer than %(n)s characters") % {"n": EMAIL_MAX})
    try:
        validate_email(value)
    except ValidationError:
        raise ValueError(_("%(value)s is not an e-mail address") % {"value": value}) from None
    return value


def phone(text: str) -> str:
    value = unicodedata.normalize("NFKC", text or "").strip()
    if not value:
        return ""
    if len(value) > PHONE_MAX or not _PHONE.match(value):
        raise ValueError(_("%(value)s is not a phone number") % {"value": value[:PHONE_MAX]})
    return value


def past_date(text, *, field_label: str = "") -> datetime.date | None:
    """A date in any form offices write (2024-04-01, R6.4.1, 令和元年5月1日), not in the
    future; None for blank. An impossible era date (平成32年, R1.4.1) is refused."""
    if text is None or text == "":
        return None
    if isinstance(text, datetime.date):
        day = text
    else:
        try:
            day = _parse_date(str(text))
        except ValueError as exc:
            raise ValueError(str(exc)) from None
    if day > timezone.localdate():
        raise ValueError(_("%(day)s is in the future") % {"day": day.isoformat()})
    return day


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> datetime.date:
    """wareki.parse_date, remembered: a name list repeats the same few consent dates."""
    return wareki.parse_date(text)


def any_date(text) -> datetime.date | None:
    if text is None or text == "":
        return None
    if isinstance(text, datetime.date):
        return text
    try:
        return wareki.parse_date(str(text))
    except ValueError as exc:
        raise ValueError(str(exc)) from None


class Countries:
    """Every country by code, alpha-3, English and Japanese name and alias, read in two
    queries, so that a file of 100,000 rows resolves its countries without one per row."""

    def __init__(self):
        self.by_name: dict[str, Country] = {}
        self.by_id: dict[int, Country] = {}
        self.by_text: dict[str, Country | None] = {}  # as written in the file, folded once
        for country in Country.objects.all():
            self.by_id[country.pk] = country
            for name in (country.code, country.alpha3, country.name_en, country.name_ja):
                if name:
                    self.by_name.setdefault(fold(name), country)
        for alias in CountryAlias.objects.select_related("country"):
            self.by_name.setdefault(fold(alias.name), alias.country)

    def get(self, text: str) -> Country | None:
        """The country for a name; None for blank. ValueError for an unknown one."""
        if not (text or "").strip():
            return None
        found = self.by_text.get(text)
        if found is None:
            found = self.by_text[text] = self.by_name.get(fold(text))
        if found is None:
            raise ValueError(_("unknown country %(name)s") % {"name": text})
        return found


_LANGUAGE_NAMES = {
    fold(name): language.tag
    for language in languages.CONTENT_LANGUAGES
    for name in (language.tag, language.native, language.japanese, language.english)
} | {
    fold(name): tag
    for tag, names in {
        "en": ("英語", "英", "eng"),
        "zh-Hans": ("中国語", "zh", "zh-cn", "chinese"),
        "zh-Hant": ("zh-tw", "繁体字"),
        "tl": ("fil", "filipino", "フィリピン語"),
        "pt": ("pt-br", "ブラジルポルトガル語"),
    }.items()
    for name in names
}


def language(text: str) -> str:
    """A content-language tag from a tag or a language's name (英語, English, en)."""
    if not (text or "").strip():
        return ""
    tag = _LANGUAGE_NAMES.get(fold(text))
    if tag is None:
        raise ValueError(
            _("unknown language %(name)s; use one of: %(tags)s")
            % {"name": text, "tags": ", ".join(languages.TAGS)}
        )
    return tag


def categories(codes) -> list[str]:
    unknown = [code for code in codes if code not in Category.values]
    if unknown:
        raise ValueError(_("unknown categories: %(codes)s") % {"codes": ", ".join(unknown)})
    return sorted(set(codes))


def facts(values: dict, chosen: list[str]) -> dict:
    """Facts only for the contact's categories, each a short text."""
    cleaned = {}
    for category, items in (values or {}).items():
        allowed = FACTS.get(category)
        if allowed is None or category not in chosen:
            raise ValueError(_("facts for a category the contact lacks: %(c)s") % {"c": category})
        if not isinstance(items, dict):
            raise ValueError(_("the facts of %(c)s must be named values") % {"c": category})
        for name, value in items.items():
            if name not in allowed:
                raise ValueError(_("%(c)s has no fact %(name)s") % {"c": category, "name": name})
            if len(str(value)) > allowed[name]:
                raise ValueError(
                    _("%(name)s is longer than %(n)s characters")
                    % {"name": name, "n": allowed[name]}
                )
        cleaned[category] = {name: str(value) for name, value in items.items() if value != ""}
    return cleaned


_TAG = re.compile(r"^[^\s,|]{1,40}$")


def tags(values) -> list[str]:
    found = sorted({unicodedata.normalize("NFKC", str(v)).strip().casefold() for v in values})
    found = [tag for tag in found if tag]
    bad = [tag for tag in found if not _TAG.match(tag)]
    if bad:
        raise ValueError(_("a tag is one word of at most 40 characters: %(tag)s") % {"tag": bad[0]})
    return found
