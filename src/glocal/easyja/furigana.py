"""Furigana as ruby HTML: <ruby>漢字<rt>かんじ</rt></ruby>, okurigana left outside the ruby."""

import re
from html import escape

from . import wordlists
from .kanji import KANJI, grade
from .tokens import Token, hiragana, tokenize

# Day-of-month readings that are not 〜にち (1日 is ついたち only in a date: after 月).
_DAY_READINGS = {
    1: "ついたち",
    2: "ふつか",
    3: "みっか",
    4: "よっか",
    5: "いつか",
    6: "むいか",
    7: "なのか",
    8: "ようか",
    9: "ここのか",
    10: "とおか",
    14: "じゅうよっか",
    20: "はつか",
    24: "にじゅうよっか",
}
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_KANA_RUN = re.compile(r"[ぁ-ゖァ-ヺー]+")


def _segments(surface: str, reading: str) -> list[tuple[str, str]]:
    """Pairs of (text, reading or '') with kana runs of the surface aligned to the reading."""
    parts = []  # (text, is_kana)
    position = 0
    for run in _KANA_RUN.finditer(surface):
        if run.start() > position:
            parts.append((surface[position : run.start()], False))
        parts.append((run.group(), True))
        position = run.end()
    if position < len(surface):
        parts.append((surface[position:], False))
    pattern = "".join(re.escape(hiragana(text)) if kana else "(.+?)" for text, kana in parts)
    match = re.fullmatch(pattern, reading)
    if match is None:  # irregular (熟字訓 and the like): one ruby over the whole word
        return [(surface, reading)]
    readings = iter(match.groups())
    return [(text, "" if kana else next(readings)) for text, kana in parts]


def _ruby(text: str, reading: str) -> str:
    return f"<ruby>{escape(text)}<rt>{escape(reading)}</rt></ruby>"


def _wanted(surface: str, above_grade: int | None) -> bool:
    kanji = KANJI.findall(surface)
    if not kanji:
        return False
    return above_grade is None or any(grade(c) > above_grade for c in kanji)


def _day_reading(tokens: list[Token], i: int) -> str | None:
    """The reading of a number at i and the 日 after it, when that is a day of the month."""
    if i + 1 >= len(tokens) or tokens[i].pos2 != "数詞":
        return None
    number, counter = tokens[i], tokens[i + 1]
    digits = number.surface.translate(_DIGITS)
    if counter.surface != "日" or counter.start != number.end or not digits.isdigit():
        return None
    day = int(digits)
    in_date = i > 0 and tokens[i - 1].surface == "月"
    if day == 1 and not in_date:  # 1日 alone may be いちにち (one day)
        return None
    return _DAY_READINGS.get(day)


def _listed_words(text: str, tokens: list[Token]) -> dict[int, tuple[int, str]]:
    """Listed words that start at a token: first token index → (last index, reading)."""
    starts = {token.start: i for i, token in enumerate(tokens)}
    ends = {token.end: i for i, token in enumerate(tokens)}
    readings = wordlists.readings()
    found = {}
    for match in wordlists.readings_pattern().finditer(text):
        first, last = starts.get(match.start()), ends.get(match.end())
        if first is not None and last is not None:
            found[first] = (last, readings[match.group()])
    return found


def ruby_html(text: str, tokens: list[Token] | None = None, above_grade: int | None = None) -> str:
    """`text` as HTML with furigana on kanji words (or only on those with a kanji past
    `above_grade`: 1–6 for the elementary grades, 7 for all jōyō kanji)."""
    if tokens is None:
        tokens = tokenize(text)
    listed = _listed_words(text, tokens)
    out = []
    position = 0
    i, count = 0, len(tokens)
    while i < count:
        token = tokens[i]
        out.append(escape(text[position : token.start]))
        day = _day_reading(tokens, i)
        if i in listed and _wanted(text[token.start : tokens[listed[i][0]].end], above_grade):
            last, reading = listed[i]
            word = text[token.start : tokens[last].end]
            for part, part_reading in _segments(word, reading):
                out.append(_ruby(part, part_reading) if part_reading else escape(part))
            token = tokens[last]
            i = last
        elif day is not None and _wanted("日", above_grade):  # 20日 is はつか as a whole
            token = tokens[i + 1]
            out.append(_ruby(text[tokens[i].start : token.end], day))
            i += 1
        elif token.reading and _wanted(token.surface, above_grade):
            reading = token.reading
            if token.surface == "日" and reading == "か" and i and tokens[i - 1].pos2 == "数詞":
                reading = "にち"  # UniDic reads every day counter か (21日: にじゅういちにち)
            for part, part_reading in _segments(token.surface, reading):
                out.append(_ruby(part, part_reading) if part_reading else escape(part))
        else:
            out.append(escape(token.surface))
        position = token.end
        i += 1
    out.append(escape(text[position:]))
    return "".join(out)
