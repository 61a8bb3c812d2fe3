"""Passive and causative forms (受け身・使役): say who does what, in the active voice."""

import re

from ..findings import WARNING, Finding
from ..tokens import row_pattern

RULES = ("passive", "causative")

# Verbs whose causative is a word of its own: 知らせる (to inform) is not "make someone know".
_LEXICAL_CAUSATIVES = frozenset(("知る",))
_AUXILIARY = re.compile(row_pattern(pos1="助動詞", base="れる|られる|せる|させる"), re.M)
_MESSAGES = {
    "passive": (
        "受け身の形です。だれが何をするのか、「〜が〜します」の形で書きましょう。",
        "Passive voice. Say who does what: 〜が〜します.",
    ),
    "causative": (
        "使役の形です。だれが何をするのか、はっきり書きましょう。",
        "Causative form. Say plainly who does what.",
    ),
}


def check(doc):
    tagged, text = doc.tagged, doc.text
    for index, _match in tagged.matches(_AUXILIARY):
        if index == 0:
            continue
        auxiliary, before = tagged.token(index), index - 1
        rule = "passive" if auxiliary.base in ("れる", "られる") else "causative"
        if rule == "causative" and tagged.token(before).base in _LEXICAL_CAUSATIVES:
            continue
        ja, en = _MESSAGES[rule]
        if auxiliary.base == "られる":
            ja += "（「できる」の意味なら「〜ことができます」）"
            en += " (If it means 'can', write 〜ことができます.)"
        start = tagged.starts[before]
        if (
            tagged.token(before).base == "する"
            and before
            and tagged.token(before - 1).pos1 == "名詞"
        ):
            start = tagged.starts[before - 1]  # 避難させる, 実施される: the noun and its する
        yield Finding(rule, WARNING, start, auxiliary.end, text[start : auxiliary.end], ja, en)
