"""The word lists shipped in data/: difficult words, official terms, basic words, words kept
with furigana, loanwords, abbreviations, vague times.

Each is a tab-separated file with a header line; lines starting with # are comments. They were
written for Glocal from the guidelines' advice and municipal notices (see README.md).
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Entry:
    word: str
    reading: str  # hiragana; empty where the word is its own reading (katakana)
    easy: str  # what to write instead; empty for loanwords most residents know
    english: str
    known: bool = False


def _rows(name: str, header: tuple[str, ...]):
    path = DATA / name
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    if tuple(rows[0]) != header:
        raise ValueError(f"{path}: header should be {' '.join(header)}")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ValueError(f"{path}: row {number} has {len(row)} fields, not {len(header)}")
        yield row


@cache
def difficult_words() -> dict[str, Entry]:
    rows = _rows("difficult_words.tsv", ("word", "reading", "easy", "english"))
    return {word: Entry(word, reading, easy, english) for word, reading, easy, english in rows}


@cache
def terms() -> dict[str, Entry]:
    """Terms Easy Japanese keeps and explains once: the official names (official_terms.tsv)
    and the difficult words whose easy form is the word with an explanation (津波（…）)."""
    found = {
        word: entry
        for word, entry in difficult_words().items()
        if entry.easy.startswith(word + "（")
    }
    rows = _rows("official_terms.tsv", ("term", "reading", "explanation", "english"))
    for term, reading, explanation, english in rows:
        found[term] = Entry(term, reading, f"{term}（{explanation}）", english)
    return found


@cache
def replaceable_words() -> dict[str, Entry]:
    """Difficult words to replace with their easy form (the others are terms)."""
    kept = terms()
    return {word: entry for word, entry in difficult_words().items() if word not in kept}


@cache
def furigana_words() -> dict[str, Entry]:
    rows = _rows("furigana_words.tsv", ("word", "reading", "english"))
    return {word: Entry(word, reading, "", english) for word, reading, english in rows}


@cache
def kept_with_furigana() -> dict[str, str]:
    """Word → reading for the words written in kanji with furigana rather than flagged: the
    basic words and the everyday words of official Easy Japanese."""
    found = dict(_basic_rows())
    found.update((word, entry.reading) for word, entry in furigana_words().items())
    return found


@cache
def abbreviations() -> dict[str, Entry]:
    rows = _rows("abbreviations.tsv", ("word", "status", "easy", "english"))
    return {
        word: Entry(word, "", easy, english, known=status == "known")
        for word, status, easy, english in rows
    }


@cache
def loanwords() -> dict[str, Entry]:
    rows = _rows("loanwords.tsv", ("word", "status", "easy", "english"))
    return {
        word: Entry(word, "", easy, english, known=status == "known")
        for word, status, easy, english in rows
    }


@cache
def vague_times() -> dict[str, Entry]:
    rows = _rows("vague_time.tsv", ("expression", "reading", "easy", "english"))
    return {word: Entry(word, reading, easy, english) for word, reading, easy, english in rows}


@cache
def _basic_rows() -> tuple[tuple[str, str], ...]:
    return tuple(
        (row[0], row[1]) for row in _rows("basic_words.tsv", ("word", "reading", "english"))
    )


@cache
def basic_words() -> frozenset[str]:
    """Sino-Japanese words residents learn early, though their kanji are past the basic set."""
    return frozenset(word for word, _reading in _basic_rows())


@cache
def readings() -> dict[str, str]:
    """Readings of the listed words, which beat UniDic's for compounds (避難所: ひなんじょ)."""
    found = dict(_basic_rows())
    found.update((word, entry.reading) for word, entry in furigana_words().items())
    found.update((word, entry.reading) for word, entry in difficult_words().items())
    found.update(
        (word, entry.reading) for word, entry in terms().items() if not entry.reading.isascii()
    )
    return found


@cache
def readings_pattern() -> re.Pattern:
    ordered = sorted(readings(), key=len, reverse=True)  # longest first
    return re.compile("|".join(map(re.escape, ordered)))
