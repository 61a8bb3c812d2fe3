"""Words: difficult words, official terms, kanji past the reader's set, katakana loanwords,
abbreviations and half-width katakana."""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import cache

from .. import wordlists
from ..findings import INFO, WARNING, Finding
from ..kanji import KANJI, named_set
from ..tokens import FIELD_MARK, ORIGIN_MARK, POS_MARK, row_pattern
from . import slots

RULES = (
    "difficult_word",
    "explain_term",
    "kanji_outside_set",
    "furigana",
    "katakana_loanword",
    "abbreviation",
    "half_width_katakana",
)

_KATAKANA_RUN = re.compile(r"[ァ-ヺ][ァ-ヺー・]*")


@cache
def _hard_patterns(set_name: str) -> tuple[re.Pattern, re.Pattern]:
    """Kanji outside the named set, and runs of kanji with at least one (沿岸部, 福島県沖)."""
    known = "".join(sorted(named_set(set_name)))
    kanji = KANJI.pattern
    hard = f"(?![{known}]){kanji}"
    return re.compile(hard), re.compile(f"{kanji}*{hard}{kanji}*")


def _alternation(words) -> re.Pattern:
    ordered = sorted(words, key=len, reverse=True)  # longest first: 避難所 before 避難
    return re.compile("|".join(map(re.escape, ordered)))


@cache
def _terms_pattern() -> re.Pattern:
    return _alternation(wordlists.terms())


@cache
def _listed_patterns():
    listed = wordlists.replaceable_words()
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


_TERM = (
    "「{word}（{reading}）」は決まった言葉なので、そのまま使います。はじめて使うところで一度だけ、"
    "「{easy}」のように説明を付けましょう。",
    "「{word}」 ({english}) is an official term: keep it, and explain it once where it first "
    "appears: 「{easy}」.",
)
_EXPLANATION_OPENERS = ("（", "(", "【＝", "【=", "［", "[")


def _explained(text: str, end: int) -> bool:
    """The word is followed by its explanation in brackets: 避難所（にげる ところ）,
    警戒レベル【＝あぶない 度合い】."""
    return text.startswith(_EXPLANATION_OPENERS, end)


def _listed_finding(entry, start, end, text, replacement=None):
    params = {"word": entry.word, "reading": entry.reading, "easy": entry.easy}
    params["english"] = entry.english
    return Finding(
        "difficult_word",
        WARNING,
        start,
        end,
        text[start:end],
        *_LISTED,
        entry.easy,
        params,
        replacement,
    )


def _whole_words(pattern, text, starts, ends):
    """Matches that begin and end at token boundaries: not 解除 inside 解除者…"""
    for match in pattern.finditer(text):
        if match.start() in starts and match.end() in ends:
            yield match


def _terms(doc, starts, ends, covered):
    """Official terms: their tokens are covered (their parts are not difficult words), and one
    note per term that is nowhere explained in the text."""
    tagged, text = doc.tagged, doc.text
    terms = wordlists.terms()
    first_use: dict[str, tuple[int, int]] = {}
    explained: set[str] = set()
    for match in _whole_words(_terms_pattern(), text, starts, ends):
        start, end = match.span()
        covered.update(range(tagged.index_at(start), tagged.index_at(end - 1) + 1))
        first_use.setdefault(match.group(), (start, end))
        if _explained(text, end):
            explained.add(match.group())
    for word, (start, end) in first_use.items():
        if word not in explained:
            entry = terms[word]
            params = {"word": word, "reading": entry.reading or word, "easy": entry.easy}
            params["english"] = entry.english
            yield Finding(
                "explain_term", INFO, start, end, word, *_TERM, entry.easy, params, entry.easy
            )


def _listed(doc, starts, ends, covered):
    """Listed difficult words, with a replacement in the form the sentence needs. A word
    explained in brackets is not flagged there nor after."""
    tagged, text = doc.tagged, doc.text
    listed, written, conjugated = _listed_patterns()
    explained: set[str] = set()
    for match in _whole_words(written, text, starts, ends):
        start, end = match.span()
        first, last = tagged.index_at(start), tagged.index_at(end - 1)
        if first in covered:
            continue
        covered.update(range(first, last + 1))
        word = match.group()
        if _explained(text, end):
            explained.add(word)
        elif word not in explained:
            yield _slot_finding(tagged, text, listed[word], first, last, covered)
    for index, _match in tagged.matches(conjugated):
        if index not in covered:
            covered.add(index)
            token = tagged.token(index)
            if token.base not in explained:
                yield _slot_finding(tagged, text, listed[token.base], index, index, covered)


def _slot_finding(tagged, text, entry, first, last, covered):
    """The finding spans what its replacement replaces (避難して → にげて); a suffix that makes
    another word of it (危険性) is taken in with no replacement."""
    following = last + 1
    while following < len(tagged) and tagged.starts[following] == tagged.ends[following - 1]:
        if _SUFFIX not in tagged.rows[following]:
            break
        following += 1
    if following > last + 1:
        covered.update(range(last + 1, following))
        return _listed_finding(entry, tagged.starts[first], tagged.ends[following - 1], text)
    slot = slots.replacement(tagged, first, last, entry.easy)
    if slot is None:
        return _listed_finding(entry, tagged.starts[first], tagged.ends[last], text)
    stop, replacement = slot
    covered.update(range(last + 1, stop + 1))
    return _listed_finding(entry, tagged.starts[first], tagged.ends[stop], text, replacement)


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


def _joins(left: str, right: str, right_length: int) -> bool:
    """Kango parts that make one word: a prefix and what follows (各＋地区), a word and a
    suffix or one-kanji noun after it (沿岸＋部, 福島＋県＋沖). Two longer nouns side by side are
    two words (後日｜在留, 年次｜交通｜安全), and a one-kanji noun does not take the next
    word (次｜交通)."""
    return _PREFIX in left or _SUFFIX in right or right_length == 1


def _hard(doc, covered, furigana):
    """Sino-Japanese words with kanji past the set, then other words with such kanji. Words
    kept with furigana (場合, 場所…) go to `furigana` instead, for one note per text.

    This runs for every hard kanji of a long official text, so it keeps to local names."""
    tagged, text = doc.tagged, doc.text
    rows, starts, ends, reading = tagged.rows, tagged.starts, tagged.ends, tagged.reading
    count = len(rows)
    with_furigana = wordlists.kept_with_furigana()
    hard_kanji, hard_runs = _hard_patterns(doc.options.kanji_set)
    kango: dict[int, bool] = {}  # row index → is a kango part, for the rows looked at

    def is_kango(index: int) -> bool:
        found = kango.get(index)
        if found is None:
            found = kango[index] = _is_kango_row(rows[index])
        return found

    def joined(left: int, right: int) -> bool:
        return (
            ends[left] == starts[right]
            and left not in covered
            and right not in covered
            and is_kango(left)
            and is_kango(right)
            and _joins(rows[left], rows[right], ends[right] - starts[right])
        )

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
                while first > done + 1 and joined(first - 1, first):
                    first -= 1
                while stop + 1 < count and joined(stop, stop + 1):
                    stop += 1
                start, end = starts[first], ends[stop]
                word = text[start:end]
                hard = "".join(hard_kanji.findall(word))
                if hard and word in with_furigana:
                    furigana.setdefault(word, (start, end))
                elif hard and not _explained(text, end):
                    covered.update(range(first, stop + 1))
                    params = {
                        "word": word,
                        "reading": "".join(map(reading, range(first, stop + 1))),
                        "hard": hard,
                    }
                    yield Finding("difficult_word", INFO, start, end, word, *_KANGO, None, params)
                if hard:
                    done = stop
                    index = stop + 1
                    continue
            start, end = starts[index], ends[index]
            hard = "".join(hard_kanji.findall(text, start, end))
            if hard and text[start:end] in with_furigana:
                furigana.setdefault(text[start:end], (start, end))
            elif hard:
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


_FURIGANA = (
    "「{words}」はやさしい日本語でもよく使う言葉です。漢字のまま、ふりがなを付けましょう。",
    "「{words}」 are everyday words Easy Japanese keeps in kanji: add furigana to them.",
)


def _furigana_note(text, furigana):
    """One note for all the everyday words to write with furigana."""
    if not furigana:
        return
    readings = wordlists.kept_with_furigana()
    words = "」「".join(furigana)
    start, end = next(iter(furigana.values()))
    ruby = "、".join(f"{word}（{readings[word]}）" for word in furigana)
    yield Finding("furigana", INFO, start, end, text[start:end], *_FURIGANA, ruby, {"words": words})


def _loanwords(doc, starts, ends, covered):
    tagged, text = doc.tagged, doc.text
    listed = wordlists.loanwords()
    for match in _KATAKANA_RUN.finditer(text):
        start, end = match.span()
        if start not in starts or end not in ends:
            continue
        indexes = range(tagged.index_at(start), tagged.index_at(end - 1) + 1)
        if covered.intersection(indexes):
            continue  # part of an official term: 警戒レベル, マイナンバーカード
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
                "katakana_loanword",
                WARNING,
                start,
                end,
                word,
                *_HARD_LOAN,
                entry.easy,
                params,
                entry.easy,
            )
        elif entry is None and not all(
            (part := listed.get(t.surface)) is not None and part.known for t in tokens
        ):
            yield Finding("katakana_loanword", INFO, start, end, word, *_LOAN, None, {"word": word})


# Two or more Latin capitals (with lower case between: IoT), half- or full-width, not inside a
# longer word, a URL or an e-mail address.
_ABBREVIATION = re.compile(
    r"(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９@＠./:_-])"
    r"[A-ZＡ-Ｚ][a-zａ-ｚ]?[A-ZＡ-Ｚ][A-ZＡ-Ｚa-zａ-ｚ]*"
    r"(?![A-Za-zＡ-Ｚａ-ｚ0-9０-９@＠./:_-])"
)
_ABBREVIATION_MESSAGES = (
    "「{word}」はアルファベットの略語です。何のことか、わからない人が多いです。"
    "日本語で書くか、説明を付けましょう。",
    "「{word}」 is an abbreviation many readers cannot expand. Say it in Japanese or explain it.",
)


def _abbreviations(text):
    if not re.search("[A-ZＡ-Ｚ]", text):
        return
    listed = wordlists.abbreviations()
    for match in _ABBREVIATION.finditer(text):
        word = match.group()
        entry = listed.get(unicodedata.normalize("NFKC", word))
        if (entry is not None and entry.known) or _explained(text, match.end()):
            continue
        # the explanation after the word as written (full-width stays full-width)
        easy = word + entry.easy[len(entry.word) :] if entry is not None else None
        yield Finding(
            "abbreviation",
            WARNING,
            *match.span(),
            word,
            *_ABBREVIATION_MESSAGES,
            easy,
            {"word": word},
            easy,
        )


_HALF_WIDTH_KANA = re.compile("[\uff66-\uff9f]+")
_HALF_WIDTH = (
    "半角カタカナは読みにくく、正しく表示されないこともあります。全角で書きましょう。",
    "Half-width katakana is hard to read and may not display. Use full-width katakana.",
)


def _half_width(text):
    for match in _HALF_WIDTH_KANA.finditer(text):
        full = unicodedata.normalize("NFKC", match.group())
        yield Finding(
            "half_width_katakana",
            WARNING,
            *match.span(),
            match.group(),
            *_HALF_WIDTH,
            full,
            None,
            full,
        )


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
    furigana: dict[str, tuple[int, int]] = {}
    yield from _terms(doc, starts, ends, covered)
    yield from _listed(doc, starts, ends, covered)
    yield from _hard(doc, covered, furigana)
    yield from _furigana_note(doc.text, furigana)
    yield from _loanwords(doc, starts, ends, covered)
    yield from _abbreviations(doc.text)
    yield from _half_width(doc.text)
