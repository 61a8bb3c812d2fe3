"""Keys that make one person's name comparable across scripts and spellings.

A name written 佐藤 太郎, サトウ タロウ, ｻﾄｳﾀﾛｳ, "Sato Taro", "SATOH Tarou" or "Tarō Satō" gives the
same keys: kana and romaji both become one Hepburn spelling without long vowels, with the
words in sorted order (so family-name-first and given-name-first agree); kanji are folded for
width and spacing only. Plain Python: the importer, the duplicate finder and the bench use it.
"""

import re
import unicodedata
from functools import lru_cache

import jaconv

from glocal.places.text import fold, romanise

_WORDS = re.compile(r"[\s,.\-・=＝'’()（）]+")
# A word made only of Hepburn or Kunrei syllables (with doubled consonants and syllabic n).
_ROMAJI = re.compile(
    r"^(?:([kgsztdhbpmrfjc])(?=\1)|tc(?=h)"
    r"|(?:ky|gy|sh|sy|ch|ty|cy|ts|zy|dy|ny|hy|by|py|my|ry|j|[kgsztdnhbpmyrwfv])?[aeiou]"
    r"|n(?![aeiouy]))+$"
)
_OH = re.compile(r"oh(?=[bcdfgjkmprstwz]|n[aeiou]|$)")
_KANA = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]+$")


def _plain_latin(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# Converting a word through kana is the costly part of an import (jaconv rewrites the string
# hundreds of times); the same family and given names come back on row after row.
WORD_CACHE = 200_000


@lru_cache(maxsize=WORD_CACHE)
def _romaji_word(word: str) -> str:
    """One word in Hepburn without long vowels: satou, satoh, satō and sato are one word;
    siniti and shinichi too. Words that are not Japanese stay as written (folded)."""
    latin = _plain_latin(word)
    latin = _OH.sub("ou", latin)  # SATOH, OHNO, ITOH: the passport spelling of a long o
    if not _ROMAJI.match(latin):
        return latin  # John, Smith, Silva: not romanised Japanese
    return romanise(jaconv.alphabet2kana(latin))


@lru_cache(maxsize=WORD_CACHE)
def _kana_word(word: str) -> str:
    return romanise(jaconv.kata2hira(word))


def _words(text: str) -> list[str]:
    normal = unicodedata.normalize("NFKC", text).strip()
    return [w for w in _WORDS.split(normal) if w]


def name_keys(*names: str) -> set[str]:
    """Every key of a name as written, its kana and its romaji (blank ones are skipped)."""
    keys = set()
    for name in names:
        words = _words(name or "")
        if not words:
            continue
        if all(_plain_latin(w).isascii() for w in words):
            keys.add("".join(sorted(_romaji_word(w) for w in words)))
        elif all(_KANA.match(jaconv.hira2kata(w)) for w in words):
            keys.add("".join(sorted(_kana_word(w) for w in words)))
        else:
            keys.add(fold("".join(words)))
    return {key for key in keys if key}


def email_key(email: str) -> str:
    """E-mail addresses compared without regard to case or surrounding blanks."""
    return unicodedata.normalize("NFKC", email or "").strip().casefold()
