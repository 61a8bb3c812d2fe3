"""Typed slots: {place}, {facility}, {date}, {time}, {phone}, {url}, {number}.

A raw value (from a form, the API or a file) is parsed into a typed value, then written out in
each content language: dates and times through Babel (and the Easy Japanese forms 11月21日
（土曜日）, 午後3時), places and facilities by their name in that language, or their romanised
Japanese name where they have none.
"""

import re
from datetime import time

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from glocal import languages, wareki
from glocal.easyja.rules.dates import WEEKDAYS, clock
from glocal.places import services as places
from glocal.places.text import romanise

TYPES = ("place", "facility", "date", "time", "phone", "url", "number")
SLOT = re.compile(r"\{([a-z_]+)\}")
_TIME = re.compile(r"(\d{1,2})[:：時](\d{2})?分?")
_PHONE = re.compile(r"\+?[0-9()\- ]{6,20}")


# What staff call each slot; the phrase library's own names ({end_time}) are never shown.
LABELS = {
    "place": gettext_lazy("Place"),
    "facility": gettext_lazy("Facility"),
    "date": gettext_lazy("Date"),
    "time": gettext_lazy("Time"),
    "end_time": gettext_lazy("End time"),
    "phone": gettext_lazy("Phone number"),
    "url": gettext_lazy("Web address"),
    "number": gettext_lazy("Number"),
}


def label(name: str) -> str:
    return str(LABELS.get(name, name))


class SlotError(ValueError):
    """A slot value that cannot be used; `slot` names the slot."""

    def __init__(self, slot: str, message: str):
        super().__init__(f"{slot}: {message}")
        self.slot = slot
        self.message = message


def slots_in(text: str) -> set[str]:
    return set(SLOT.findall(text))


def parse(name: str, kind: str, raw, owner_id: int | None = None):
    """The typed value of slot `name` of type `kind`, or SlotError naming the slot."""
    text = str(raw).strip()
    if not text:
        raise SlotError(name, _("is empty."))
    if kind == "place":
        try:
            return places.local_government_by_code(text)
        except (ValidationError, Http404) as exc:
            raise SlotError(
                name, _("no local government has the code %(code)s.") % {"code": text}
            ) from exc
    if kind == "facility":
        from glocal.notices.models import Facility  # models load after this module

        mine = Q(is_public=True) | Q(owner_id=owner_id)
        found = Facility.objects.filter(mine, slug=text).first()
        if found is None:
            raise SlotError(
                name, _("no facility %(name)s in this organisation's registry.") % {"name": text}
            )
        return found
    if kind == "date":
        try:
            return wareki.parse_date(text)
        except ValueError as exc:
            raise SlotError(name, str(exc)) from exc
    if kind == "time":
        match = _TIME.fullmatch(text)
        if match is None or int(match[1]) > 23 or int(match[2] or 0) > 59:
            raise SlotError(
                name, _("%(value)s is not a time; write it as 15:30.") % {"value": text}
            )
        return time(int(match[1]), int(match[2] or 0))
    if kind == "phone":
        if _PHONE.fullmatch(text) is None:
            raise SlotError(name, _("%(value)s is not a telephone number.") % {"value": text})
        return text
    if kind == "url":
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError as exc:
            raise SlotError(
                name, _("%(value)s is not a web address (https://…).") % {"value": text}
            ) from exc
        return text
    if kind == "number":
        if not text.isdigit():
            raise SlotError(name, _("%(value)s is not a whole number.") % {"value": text})
        return int(text)
    raise SlotError(name, f"unknown slot type {kind!r}.")


def _romanised(kana: str) -> str:
    return " ".join(word.capitalize() for word in romanise(kana).split())


def localise(kind: str, value, language: languages.ContentLanguage) -> str:
    """A parsed value as written in `language`."""
    japanese = language.is_japanese
    if kind == "place":
        if japanese:
            return value.name
        return value.names.get(language.tag) or value.name_en
    if kind == "facility":
        if japanese:
            return value.name
        return value.names.get(language.tag) or _romanised(value.kana)
    if kind == "date":
        if japanese:
            weekday = WEEKDAYS[value.weekday()]
            return f"{value.month}月{value.day}日（{weekday}曜日）"
        return format_date(value, format="full", locale=language.locale)
    if kind == "time":
        if japanese:
            return clock(value.hour, value.minute)
        return format_time(value, format=language.time_pattern, locale=language.locale)
    if kind == "number":
        return format_decimal(value, locale=language.locale)
    return str(value)


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each {slot} replaced by its written value."""
    return SLOT.sub(lambda m: values[m[1]], text)


def raw_value(kind: str, value) -> str:
    """A parsed value back in the form `parse` reads (for saving a composition)."""
    if kind == "place":
        return value.code
    if kind == "facility":
        return value.slug
    if kind == "date":
        return value.isoformat()
    if kind == "time":
        return value.strftime("%H:%M")
    return str(value)
