"""Honorific and humble language (敬語). Easy Japanese uses plain です・ます and 〜てください."""

import re

from ..findings import WARNING, Finding
from ..tokens import row_pattern
from . import inflect
from .conjugation import te_form

RULES = ("honorific",)

# Honorific and humble verbs by dictionary form as written, with what to write instead.
_PLAIN = {
    ("いたす", "致す"): ("する", "do"),
    ("いただく", "頂く"): ("もらう／〜てください", "receive / please …"),
    ("申し上げる", "申しあげる"): ("言う／します", "say / do"),  # お願い申し上げます → お願いします
    ("申す",): ("言う", "say"),
    ("参る", "まいる"): ("行く／来る", "go / come"),
    ("伺う", "うかがう"): ("聞く／行く", "ask / visit"),
    ("ござる", "御座る"): ("ある／です", "be"),
    ("いらっしゃる",): ("いる／来る／行く", "be / come / go"),
    ("召し上がる", "召しあがる"): ("食べる／飲む", "eat / drink"),
    ("なさる", "為さる"): ("する", "do"),
    ("おっしゃる", "仰る"): ("言う", "say"),
    ("存ずる", "存じる"): ("知る／思う", "know / think"),
    ("差し上げる", "さしあげる"): ("あげる", "give"),
    ("賜る", "賜わる"): ("もらう", "receive"),
    ("承る", "うけたまわる"): ("聞く／受ける", "hear / accept"),
    ("おる",): ("いる", "be"),  # humble いる (おります)
}
_VERBS = {spelling: plain for spellings, plain in _PLAIN.items() for spelling in spellings}

_VERB = re.compile(row_pattern(pos1="動詞", base="|".join(_VERBS)), re.M)
# お／ご + verb or noun + ください-like verb: ご注意ください, お待ちください, ご連絡していただく
_PREFIXED = re.compile(
    row_pattern(pos1="接頭辞", base="お|ご|御")
    + "\n"
    + row_pattern(whole=True, pos1="名詞|動詞")
    + "(?:\n"
    + row_pattern(whole=True, base="する")
    + "\n"
    + row_pattern(whole=True, base="て")
    + "|\n"
    + row_pattern(whole=True, spaced="に")
    + ")?\n"
    + row_pattern(whole=True, base="くださる|下さる|いただく|頂く|なる"),
    re.M,
)
# Verbs and nouns whose お／ご form is an honorific word of its own: お越しください is "come",
# not 越してください; ご覧ください is 見てください; ご遠慮ください asks not to do something.
_HONORIFIC_STEMS = {
    "越す": "来てください",
    "見える": "来てください",
    "召し上がる": "食べてください",
    "求める": "買ってください",
    "覧": "見てください",
    "遠慮": "しないでください",
    "来場": "来てください",
    "来庁": "役所に来てください",
}
_PREFIX_MESSAGES = (
    "「お／ご〜ください」などの敬語です。「〜てください」の形で書きましょう。",
    "This is honorific language (お／ご〜ください). Write 〜てください instead.",
)
_VERB_MESSAGES = (
    "「{base}」は敬語です。「{plain}」を使いましょう。",
    "「{base}」 is honorific or humble. Use 「{plain}」 ({english}).",
)


def _plain_request(word) -> str:
    if word.base in _HONORIFIC_STEMS:
        return _HONORIFIC_STEMS[word.base]
    if word.pos1 == "名詞":
        return f"{word.surface}してください"
    return f"{te_form(word.base, word.surface)}ください"


def check(doc):
    tagged, text = doc.tagged, doc.text
    covered = set()
    for index, match in tagged.matches(_PREFIXED):
        last = index + match.group().count("\n")
        start, end = tagged.starts[index], tagged.ends[last]
        covered.update(range(index, last + 1))
        suggestion = _plain_request(tagged.token(index + 1))
        # pasteable only over お〜ください itself (ご協力いただき + ます would not fit)
        replacement = suggestion if tagged.surface(last) == "ください" else None
        yield Finding(
            "honorific",
            WARNING,
            start,
            end,
            text[start:end],
            *_PREFIX_MESSAGES,
            suggestion,
            None,
            replacement,
        )
    for index, _match in tagged.matches(_VERB):
        if index in covered:
            continue
        token = tagged.token(index)
        plain, english = _VERBS[token.base]
        params = {"base": token.base, "plain": plain, "english": english}
        yield Finding(
            "honorific",
            WARNING,
            token.start,
            token.end,
            token.surface,
            *_VERB_MESSAGES,
            plain,
            params,
            _same_form(plain, token),
        )
    yield from _honorific_nouns(doc)


def _same_form(plain: str, token) -> str | None:
    """The plain verb in the honorific one's form (おり → い, いたし → し), when that form
    alone fits; forms joined to a following sound (おって) are left to the writer."""
    form = token.conj_form
    if form.startswith(("終止形", "連体形")):
        return inflect.inflect(plain, inflect.DICTIONARY)
    if form == "連用形-一般":
        return inflect.inflect(plain, inflect.STEM)
    if form == "未然形-一般":
        return inflect.inflect(plain, inflect.NEGATIVE)
    return None


# Honorific nouns for people and polite set phrases: 住民の方 → 住民の人, 皆様 → みなさん,
# ご高齢の方 → お年寄り, ご確認の上 → 確認してから. Each pattern starts with a literal, so the
# regex engine skips ahead on a long text; what comes before is checked in Python.
_ELDERLY = re.compile(r"ご高齢の方々?")
_EVERYONE = re.compile(r"皆様|皆さま|みなさま")
_PERSON = re.compile(r"方々?(?=[はがをにもへとで、。])")
_UPON = re.compile(r"の上(?=[、,で])")
_KANJI_PAIR = re.compile(r"[ごお]([\u4e00-\u9fff]{2})")
_NOUN_TEXT = (
    "「{word}」は敬語です。「{plain}」と書きましょう。",
    "「{word}」 is an honorific expression. Write 「{plain}」.",
)


def _noun_spans(text):
    """(start, end, plain) for each honorific noun or phrase."""
    elderly = []
    for match in _ELDERLY.finditer(text):
        elderly.append(match.end())
        yield match.start(), match.end(), "お年寄り"
    for match in _EVERYONE.finditer(text):
        yield match.start(), match.end(), "みなさん"
    for match in _PERSON.finditer(text):
        start = match.start()
        before = text[max(0, start - 2) : start]
        # 住民の方, 必要な方; 〜ない方は, 〜する方は (not 〜ない方が: "had better not")
        person = before[-1:] in ("の", "な") and before not in ("その", "この", "あの", "どの")
        person = person or (
            before[-1:] in ("い", "る") and text[match.end() : match.end() + 1] == "は"
        )
        if person and match.end() not in elderly:
            yield start, match.end(), "人"
    for match in _UPON.finditer(text):
        prefixed = _KANJI_PAIR.fullmatch(text, max(0, match.start() - 3), match.start())
        if prefixed:
            yield prefixed.start(), match.end(), f"{prefixed[1]}してから"


def _honorific_nouns(doc):
    text = doc.text
    for start, end, plain in _noun_spans(text):
        params = {"word": text[start:end], "plain": plain}
        yield Finding(
            "honorific", WARNING, start, end, text[start:end], *_NOUN_TEXT, plain, params, plain
        )
