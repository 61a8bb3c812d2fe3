"""The glossary of official terms: one Japanese term, one translation per content language.

data/glossary/<tag>.tsv maps each official Japanese term (特別警報, 警戒レベル4, 震度5弱,
在留カード …) to the one word the phrases in that language use for it; ja.tsv is the term list
itself. data/glossary/sources.tsv names the documents the terms come from, by a short code the
catalogue's terms_source column uses.

A phrase whose Japanese uses a term must use the glossary's word in every translation. Terms are
found longest first, so 大津波警報 is one term and does not also demand the word for 津波警報 or
警報; a row's `also` column names the shorter terms inside it that are still required.
Plain Python (no Django), so it can be read and tested on its own.
"""

from dataclasses import dataclass
from pathlib import Path

from glocal import languages

DATA = Path(__file__).resolve().parent / "data" / "glossary"
HEADER = ("term", "translation", "also")
SOURCES_HEADER = ("code", "title")
# Each file says where its words come from and that no one has reviewed them yet.
REQUIRED_NOTES = ("# source:", "# status:")


@dataclass(frozen=True)
class Word:
    term: str
    translation: str
    also: tuple[str, ...]
    where: str  # "glossary/mn.tsv:12", for error messages


@dataclass
class Glossary:
    terms: tuple[str, ...]  # longest first
    words: dict[str, dict[str, Word]]  # tag → term → word
    sources: dict[str, str]  # code → title

    def terms_in(self, japanese: str) -> list[str]:
        """The terms a Japanese text uses: longest match, each span counted once, plus the
        shorter terms a matched term's `also` keeps."""
        covered = [False] * len(japanese)
        found: list[str] = []
        for term in self.terms:
            start = japanese.find(term)
            while start != -1:
                end = start + len(term)
                if not any(covered[start:end]):
                    covered[start:end] = [True] * len(term)
                    if term not in found:
                        found.append(term)
                start = japanese.find(term, start + 1)
        required = list(found)
        for term in found:
            required += [t for t in self.words[languages.JAPANESE][term].also if t not in required]
        return required

    def problems(self, tag: str, japanese: str, text: str) -> list[str]:
        """What a translation misses: one message per term whose word it does not use."""
        if tag == languages.JAPANESE:
            return []
        missing = []
        folded = text.casefold()
        for term in self.terms_in(japanese):
            word = self.words[tag][term]
            if word.translation.casefold() not in folded:
                missing.append(
                    f"uses {term} in Japanese but not {word.translation!r} ({word.where})"
                )
        return missing


def _lines(path: Path, problems: list[str]):
    if not path.exists():
        problems.append(f"glossary/{path.name}: missing")
        return []
    return path.read_text(encoding="utf-8").splitlines()


def _read_sources(directory: Path, problems: list[str]) -> dict[str, str]:
    sources = {}
    for number, line in enumerate(_lines(directory / "sources.tsv", problems), start=1):
        cells = line.split("\t")
        if not line or line.startswith("#") or tuple(cells) == SOURCES_HEADER:
            continue
        if len(cells) != 2 or not all(cells):
            problems.append(f"glossary/sources.tsv:{number}: expected a code and a title")
            continue
        sources[cells[0]] = cells[1]
    return sources


def _read_words(directory: Path, tag: str, problems: list[str]) -> dict[str, Word]:
    words: dict[str, Word] = {}
    lines = _lines(directory / f"{tag}.tsv", problems)
    for note in REQUIRED_NOTES:
        if lines and not any(line.startswith(note) for line in lines):
            problems.append(f"glossary/{tag}.tsv: no '{note}' line in the header")
    for number, line in enumerate(lines, start=1):
        cells = line.split("\t")
        if not line or line.startswith("#") or tuple(cells) == HEADER:
            continue
        where = f"glossary/{tag}.tsv:{number}"
        if len(cells) != len(HEADER):
            problems.append(f"{where}: {len(cells)} fields, expected {len(HEADER)}")
            continue
        term, translation, also = cells
        if not term or not translation.strip():
            problems.append(f"{where}: a term and its translation are both needed")
        elif term in words:
            problems.append(f"{where}: {term} appears twice")
        also_terms = tuple(filter(None, (t.strip() for t in also.split(","))))
        words[term] = Word(term, translation.strip(), also_terms, where)
    return words


def read(directory: Path = DATA) -> tuple[Glossary, list[str]]:
    """The glossary and its problems (empty when every file is sound)."""
    problems: list[str] = []
    sources = _read_sources(directory, problems)
    words = {tag: _read_words(directory, tag, problems) for tag in languages.TAGS}
    terms = words[languages.JAPANESE]
    for word in terms.values():
        if word.translation != word.term:
            problems.append(f"{word.where}: in ja.tsv a term is its own translation")
        for inner in word.also:
            if inner not in terms or inner not in word.term:
                problems.append(f"{word.where}: {inner} is not a glossary term inside {word.term}")
    for tag in languages.TAGS:
        missing = [term for term in terms if term not in words[tag]]
        extra = [term for term in words[tag] if term not in terms]
        if missing:
            problems.append(f"glossary/{tag}.tsv: no translation for {', '.join(missing)}")
        if extra:
            problems.append(f"glossary/{tag}.tsv: {', '.join(extra)} not in glossary/ja.tsv")
    ordered = tuple(sorted(terms, key=lambda term: (-len(term), term)))
    return Glossary(ordered, words, sources), problems
