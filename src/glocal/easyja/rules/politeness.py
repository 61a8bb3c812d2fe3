"""Honorific and humble language (敬語). Easy Japanese uses plain です・ます and 〜てください."""

import re

from ..findings import WARNING, Finding
from ..tokens import row_pattern
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
_PREFIX_MESSAGES = (
    "「お／ご〜ください」などの敬語です。「〜てください」の形で書きましょう。",
    "This is honorific language (お／ご〜ください). Write 〜てください instead.",
)
_VERB_MESSAGES = (
    "「{base}」は敬語です。「{plain}」を使いましょう。",
    "「{base}」 is honorific or humble. Use 「{plain}」 ({english}).",
)


def _plain_request(word) -> str:
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
        yield Finding(
            "honorific", WARNING, start, end, text[start:end], *_PREFIX_MESSAGES, suggestion
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
        )
