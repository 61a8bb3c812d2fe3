"""Words: difficult words, kanji past the reader's set, and katakana loanwords."""

import re
from bisect import bisect_left, bisect_right
from functools import cache

from .. import wordlists
from ..findings import INFO, WARNING, Finding
from ..kanji import KANJI, named_set
from ..tokens import FIELD_MARK, ORIGIN_MARK, POS_MARK, row_pattern

RULES = ("difficult_word", "kanji_outside_set", "katakana_loanword")

_KATAKANA_RUN = re.compile(r"[ァ-ヺ][ァ-ヺー・]*")


@cache
def _hard_patterns(set_name: str) -> tuple[re.Pattern, re.Pattern]:
    """Kanji outside the named set, and runs of kanji with at least one (沿岸部, 福島県沖)."""
    known = "".join(sorted(named_set(set_name)))
    kanji = KANJI.pattern
    hard = f"(?![{known}]){kanji}"
    return re.compile(hard), re.compile(f"{kanji}*{hard}{kanji}*")


@cache
def _listed_patterns():
    listed = wordlists.difficult_words()
    ordered = sorted(listed, key=len, reverse=True)  # longest first: 避難所 before 避難
    written = re.compile("|".join(map(re.escape, ordered)))
    # Verbs and adjectives also appear conjugated (控え, 控えて): find them by dictionary form.
    inflected = [word for word in ordered if re.search(r"[ぁ-ゖ]$", word)]
    conjugated = re.compile(
        row_pattern(pos1="動詞|形容詞", base="|".join(map(re.escape, inflected))), re.M
    )
    return listed, written, conjugated


_LISTED = (
    "「{word}（{reading}）」は難しい言葉です。「{easy}」と書きましょう。",
    "「{word}」 ({english}) is a difficult word. Write 「{easy}」 instead.",
)
_KANGO = (
    "「{word}（{reading}）」は漢語で、基本の漢字にない「{hard}」を使っています。"
    "やさしい言葉に言いかえるか、説明を付けましょう。",
    "「{word}」 is a Sino-Japanese word with kanji beyond the basic set ({hard}). "
    "Use a plainer word or explain it.",
)
_KANJI = (
    "「{hard}」は基本の漢字ではありません。ふりがなを付けるか、ひらがなで書きましょう。",
    "{hard} is outside the reader's kanji set. Add furigana or write it in hiragana.",
)
_HARD_LOAN = (
    "「{word}」は外来語で、わからない人が多いです。「{easy}」と書きましょう。",
    "「{word}」 ({english}) is a loanword many readers do not know. Write 「{easy}」.",
)
_LOAN = (
    "「{word}」はカタカナの外来語です。英語がわからない人には難しいので、"
    "日本語で言いかえるか、説明を付けましょう。",
    "「{word}」 is a katakana loanword; readers without English may not know it. "
    "Say it in Japanese or explain it.",
)


def _explained(text: str, end: int) -> bool:
    """The word is followed by its explanation in brackets: 避難所（にげる ところ）."""
    return text.startswith(("（", "("), end)


def _listed_finding(entry, start, end, text):
    params = {"word": entry.word, "reading": entry.reading, "easy": entry.easy}
    params["english"] = entry.english
    return Finding(
        "difficult_word", WARNING, start, end, text[start:end], *_LISTED, entry.easy, params
    )


def _listed(doc, starts, ends, covered):
    tagged, text = doc.tagged, doc.text
    listed, written, conjugated = _listed_patterns()
    for match in written.finditer(text):
        start, end = match.span()
        if start in starts and end in ends:  # whole words only: not 解除 inside 解除者…
            first, last = tagged.index_at(start), tagged.index_at(end - 1)
            covered.update(range(first, last + 1))
            if not _explained(text, end):
                yield _listed_finding(listed[match.group()], start, end, text)
    for index, _match in tagged.matches(conjugated):
        if index not in covered:
            covered.add(index)
            token = tagged.token(index)
            yield _listed_finding(listed[token.base], token.start, token.end, text)


# Substrings of a row (tokens.py's format) that say what kind of word it is, so the check
# below needs no parsing: it runs for every token near a hard kanji.
_KANGO_ROW = ORIGIN_MARK + "漢" + FIELD_MARK
_NOUN, _SUFFIX, _PREFIX, _ADJECTIVAL = (
    POS_MARK + part + FIELD_MARK for part in ("名詞", "接尾辞", "接頭辞", "形状詞")
)
_NUMBER, _NAME = (
    POS_MARK + "名詞" + FIELD_MARK + pos2 + FIELD_MARK for pos2 in ("数詞", "固有名詞")
)


def _is_kango_row(row: str) -> bool:
    """A Sino-Japanese word part (not a number or a name)."""
    if _KANGO_ROW not in row:
        return False
    if _NOUN in row:
        return _NUMBER not in row and _NAME not in row
    return _SUFFIX in row or _PREFIX in row or _ADJECTIVAL in row


def _hard(doc, covered):
    """Sino-Japanese words with kanji past the set, then other words with such kanji.

    This runs for every hard kanji of a long official text, so it keeps to local names."""
    tagged, text = doc.tagged, doc.text
    rows, starts, ends, reading = tagged.rows, tagged.starts, tagged.ends, tagged.reading
    count = len(rows)
    basic = wordlists.basic_words()
    hard_kanji, hard_runs = _hard_patterns(doc.options.kanji_set)
    kango: dict[int, bool] = {}  # row index → is a kango part, for the rows looked at

    def is_kango(index: int) -> bool:
        found = kango.get(index)
        if found is None:
            found = kango[index] = _is_kango_row(rows[index])
        return found

    done = -1  # tokens up to here are reported
    for run in hard_runs.finditer(text):
        index = max(bisect_right(starts, run.start()) - 1, done + 1)
        last = bisect_right(starts, run.end() - 1) - 1
        while index <= last:
            if index in covered:
                index += 1
                continue
            if is_kango(index):
                first = stop = index
                while first > done + 1 and is_kango(first - 1) and ends[first - 1] == starts[first]:
                    first -= 1
                while stop + 1 < count and is_kango(stop + 1) and starts[stop + 1] == ends[stop]:
                    stop += 1
                start, end = starts[first], ends[stop]
                word = text[start:end]
                hard = "".join(hard_kanji.findall(word))
                if hard and word not in basic and not _explained(text, end):
                    covered.update(range(first, stop + 1))
                    params = {
                        "word": word,
                        "reading": "".join(map(reading, range(first, stop + 1))),
                        "hard": hard,
                    }
                    yield Finding("difficult_word", INFO, start, end, word, *_KANGO, None, params)
                    done = stop
                    index = stop + 1
                    continue
            start, end = starts[index], ends[index]
            hard = "".join(hard_kanji.findall(text, start, end))
            if hard:
                yield Finding(
                    "kanji_outside_set",
                    INFO,
                    start,
                    end,
                    text[start:end],
                    *_KANJI,
                    reading(index) or None,
                    {"hard": hard},
                )
            done = index
            index += 1


def _loanwords(doc, starts, ends):
    tagged, text = doc.tagged, doc.text
    listed = wordlists.loanwords()
    for match in _KATAKANA_RUN.finditer(text):
        start, end = match.span()
        if start not in starts or end not in ends:
            continue
        indexes = range(tagged.index_at(start), tagged.index_at(end - 1) + 1)
        tokens = [tagged.token(i) for i in indexes]
        if any(t.origin not in ("外", "") or t.pos2 == "固有名詞" for t in tokens):
            continue  # native words in katakana (ゴミ), names of people and places
        word = match.group()
        entry = listed.get(word)
        if _explained(text, end):
            continue
        if entry is not None and not entry.known:
            params = {"word": word, "easy": entry.easy, "english": entry.english}
            yield Finding(
                "katakana_loanword", WARNING, start, end, word, *_HARD_LOAN, entry.easy, params
            )
        elif entry is None and not all(
            (part := listed.get(t.surface)) is not None and part.known for t in tokens
        ):
            yield Finding("katakana_loanword", INFO, start, end, word, *_LOAN, None, {"word": word})


class _Boundaries:
    """`offset in boundaries`: does a token start (or end) there? Asked only for matches."""

    def __init__(self, offsets: list[int]):
        self.offsets = offsets

    def __contains__(self, offset: int) -> bool:
        i = bisect_left(self.offsets, offset)
        return i < len(self.offsets) and self.offsets[i] == offset


def check(doc):
    starts, ends = _Boundaries(doc.tagged.starts), _Boundaries(doc.tagged.ends)
    covered: set[int] = set()
    yield from _listed(doc, starts, ends, covered)
    yield from _hard(doc, covered)
    yield from _loanwords(doc, starts, ends)
