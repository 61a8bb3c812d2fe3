"""Morphological analysis with MeCab (fugashi) over UniDic (unidic-lite).

Speed matters here: the engine must keep up with plain readability scoring while it also runs
every rule. So MeCab writes one compact row per token (the format is in data/mecabrc) and the
rows are read column-wise with C-level passes (str.count, map, accumulate). Rules search the
rows with regular expressions (`row_pattern`) and read single rows only for what they report.
One tagger per thread is kept alive: loading the dictionary costs more than analysing a notice.
"""

import re
import threading
from bisect import bisect_right
from itertools import accumulate
from operator import itemgetter, methodcaller, sub
from pathlib import Path

import fugashi
import unidic_lite

FIELDS = (
    "spaced",  # the surface with the spaces MeCab skipped before it
    "pos1",
    "pos2",
    "conj_form",
    "origin",  # 語種: 和 wago, 漢 kango, 外 loanword, 混 mixed, 固 proper name, 記号 symbol
    "base",  # dictionary form as written: する, 控える
    "kana",  # reading of the surface in katakana
)
# The separator before each field. Two rare ones mark where the part of speech and the origin
# begin, so `str.count` can count those columns exactly (see readability.score).
FIELD_MARK, POS_MARK, ORIGIN_MARK = "\x1f", "\x1e", "\x1d"
_US = FIELD_MARK
_BEFORE = ("", POS_MARK, _US, _US, ORIGIN_MARK, _US, _US)
_ANY = "[^\x1d-\x1f\n]*"
_SPLIT = re.compile("[\x1d-\x1f]")

_RC = Path(__file__).resolve().parent / "data" / "mecabrc"
# Control characters would end MeCab's C string (NUL) or break rows (separators, line breaks);
# spaces in their place keep every offset and MeCab's segmentation (both are white space).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLANKS = " \t"  # what MeCab skips; 　 and \r are tokens
_KATA_TO_HIRA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}

_local = threading.local()


def tagger() -> fugashi.GenericTagger:
    """The calling thread's tagger (MeCab taggers must not be shared between threads)."""
    found = getattr(_local, "tagger", None)
    if found is None:
        found = _local.tagger = fugashi.GenericTagger(f"-r {_RC} -d {unidic_lite.DICDIR}")
    return found


def hiragana(kana: str) -> str:
    return kana.translate(_KATA_TO_HIRA)


def _field(regex: str) -> str:
    return regex if re.escape(regex) == regex else f"(?:{regex})"


def row_pattern(whole: bool = False, **fields: str) -> str:
    """A regex for one row whose named fields match the given regexes (others: anything).

    Compile with re.MULTILINE. The match starts at the first named field's separator, so a
    literal there lets the regex engine skip ahead fast; `Tagged.matches` finds the row.
    With `whole`, it starts at the row's start, to follow another row after a line break."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"no such fields: {unknown}")
    first = 0 if whole else min(FIELDS.index(name) for name in fields)
    parts = ["^" if first == 0 else _BEFORE[first]]
    for number in range(first, len(FIELDS)):
        if number > first:
            parts.append(_BEFORE[number])
        name = FIELDS[number]
        if name == "spaced" and name in fields:
            parts.append(f"[{_BLANKS}]*" + _field(fields[name]))
        else:
            parts.append(_field(fields[name]) if name in fields else _ANY)
    return "".join(parts) + "$"


class Token:
    """A word as UniDic segments it, with character offsets into the analysed text."""

    __slots__ = ("base", "conj_form", "end", "index", "origin", "pos1", "pos2", "reading")
    __slots__ += ("start", "surface")

    def __init__(self, index: int, start: int, end: int, row: str):
        spaced, self.pos1, self.pos2, self.conj_form, self.origin, self.base, kana = _SPLIT.split(
            row
        )
        self.index = index
        self.start = start
        self.end = end
        self.surface = spaced.lstrip(_BLANKS)
        self.reading = hiragana(kana)

    @property
    def pos(self) -> str:
        return self.pos1 if self.pos2 in ("", "*") else f"{self.pos1}-{self.pos2}"

    def as_dict(self) -> dict:
        return {
            "surface": self.surface,
            "start": self.start,
            "end": self.end,
            "reading": self.reading,
            "base": self.base,
            "pos": self.pos,
            "origin": self.origin,
        }

    def __repr__(self) -> str:
        return f"<Token {self.surface} {self.start}:{self.end} {self.pos}>"


def _restore_end(out: str) -> str:
    """fugashi strips the output's end, and Python counts U+001D–U+001F as white space: put
    back the separators of the last row's empty fields (a symbol has no reading)."""
    if not out:
        return out
    last = out.rfind("\n") + 1
    present = sum(out.count(mark, last) for mark in (_US, POS_MARK, ORIGIN_MARK))
    return out + "".join(_BEFORE[present + 1 :])


class Tagged:
    """`text` as MeCab tags it: its rows and each token's character offsets."""

    def __init__(self, text: str):
        self.text = text
        safe = text.replace("\n", " ")
        if _CONTROL.search(safe):
            safe = _CONTROL.sub(" ", safe)
        self.safe = safe  # what MeCab read: line breaks are spaces
        self.out = _restore_end(tagger().parse(safe))
        self.rows = self.out.split("\n") if self.out else []
        spaced = list(map(itemgetter(0), map(methodcaller("partition", POS_MARK), self.rows)))
        self.ends = list(accumulate(map(len, spaced)))
        surfaces = map(methodcaller("lstrip", _BLANKS), spaced)
        self.starts = list(map(sub, self.ends, map(len, surfaces)))
        self._tokens: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def token(self, index: int) -> Token:
        found = self._tokens.get(index)
        if found is None:
            found = self._tokens[index] = Token(
                index, self.starts[index], self.ends[index], self.rows[index]
            )
        return found

    def tokens(self) -> list[Token]:
        return [self.token(i) for i in range(len(self.rows))]

    def surface(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]

    def reading(self, index: int) -> str:
        """The reading of token `index` in hiragana."""
        return self.rows[index].rpartition(_US)[2].translate(_KATA_TO_HIRA)

    def index_at(self, offset: int) -> int:
        """The index of the token at or before character `offset` of the text."""
        return bisect_right(self.starts, offset) - 1

    def matches(self, pattern: re.Pattern):
        """(index of the row where the match starts, match) for each match of a row pattern."""
        out, index, position = self.out, 0, 0
        for match in pattern.finditer(out):
            # Matches come in order: count the line breaks since the last one.
            index += out.count("\n", position, match.start())
            position = match.start()
            yield index, match

    def count(self, **fields: str) -> int:
        """How many rows have these literal values in consecutive fields from pos1 or origin."""
        names = list(fields)
        first = FIELDS.index(names[0])
        if _BEFORE[first] not in (POS_MARK, ORIGIN_MARK) or names != list(
            FIELDS[first : first + len(names)]
        ):
            raise ValueError("count() takes consecutive fields starting at pos1 or origin")
        return self.out.count(_BEFORE[first] + _US.join(fields.values()) + _US)

    def count_surfaces(self, surfaces) -> int:
        """How many tokens are one of these surfaces (with no space before them, or some)."""
        total = 0
        spaced = any(blank + surface in self.safe for blank in _BLANKS for surface in surfaces)
        for surface in surfaces:
            if surface not in self.safe:
                continue
            total += self.out.count(f"\n{surface}{POS_MARK}") + self.out.startswith(
                f"{surface}{POS_MARK}"
            )
            if spaced:  # rare: after a space, the row starts with the space
                total += sum(self.out.count(f"{b}{surface}{POS_MARK}") for b in _BLANKS)
        return total


def tokenize(text: str) -> list[Token]:
    """Every token MeCab produces for `text`, with offsets into `text` itself."""
    return Tagged(text).tokens()
