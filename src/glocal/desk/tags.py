"""The resident's language: a content language, any well-formed BCP 47 tag whose language
subtag is a known ISO 639 code, or a language's name in Japanese or English."""

import re
import unicodedata
from functools import cache

from babel import Locale

from glocal import languages

# language[-script][-region][-variant…]; private use (-x-…) allowed as in ja-x-easy.
_WELL_FORMED = re.compile(
    r"^(?P<language>[a-z]{2,3})(-[a-z]{4})?(-([a-z]{2}|\d{3}))?(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*"
    r"(-x(-[a-z0-9]{1,8})+)?$",
    re.IGNORECASE,
)


class UnknownTag(ValueError):
    pass


@cache
def _names() -> dict[str, str]:
    """Folded name → tag, from the content-language registry and Babel's names."""
    found: dict[str, str] = {}
    for locale in ("en", "ja"):
        for code, name in Locale(locale).languages.items():
            found.setdefault(_fold(name), code.replace("_", "-"))
    for language in languages.CONTENT_LANGUAGES:  # the registry wins over Babel
        for name in (language.japanese, language.english, language.native):
            found[_fold(name)] = language.tag
    found[_fold("フィリピン語")] = found[_fold("Filipino")] = "tl"
    found[_fold("中国語")] = found[_fold("Chinese")] = "zh"
    return found


@cache
def _known_subtags() -> frozenset[str]:
    return frozenset(code.split("_")[0].lower() for code in Locale("en").languages)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _canonical(tag: str) -> str:
    """Case as BCP 47 writes it: zh-Hant-TW, pt-BR."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    private = False
    for part in parts[1:]:
        if part.lower() == "x":
            private = True
        if private:
            out.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2:
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def language_tag(value: str) -> str:
    """The tag for a language as typed; raises UnknownTag."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not text:
        raise UnknownTag(value)
    try:
        return languages.normalise(text)
    except languages.UnknownLanguage:
        pass
    match = _WELL_FORMED.match(text.replace("_", "-"))
    if match and match["language"].lower() in _known_subtags():
        return _canonical(text.replace("_", "-"))
    by_name = _names().get(_fold(text))
    if by_name is None:
        raise UnknownTag(value)
    return by_name


def language_name(tag: str, ui: str = "ja") -> str:
    """A tag's name for the staff pages: the registry's Japanese or English name, else Babel's."""
    try:
        found = languages.get(tag)
        return found.japanese if ui == "ja" else found.english
    except languages.UnknownLanguage:
        try:
            return Locale.parse(tag, sep="-").get_display_name(ui) or tag
        except (ValueError, TypeError):
            return tag
