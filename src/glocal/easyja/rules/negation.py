"""Double negatives (二重否定): say the positive thing instead."""

import re

from ..findings import INFO, WARNING, Finding

RULES = ("double_negative",)

_NEG = r"(?:ない|ありません|ないです)"
# A double negative that hides a positive meaning: hard to follow, and easily read backwards.
_DOUBLE = re.compile(
    "|".join(
        (
            rf"(?:な|無)く(?:は|も){_NEG}",
            rf"ない(?:わけ|訳)(?:では|じゃ){_NEG}",
            rf"ない(?:こと|事)(?:は|も){_NEG}",
            r"ない(?:とは|とも)限(?:ら(?:ない|ず)|りません)",
            r"(?:ない|ず)には(?:いられ|おかれ)(?:ない|ません)",
            r"ないでは(?:いられ|済ま|すま)(?:ない|ません)",
            r"ざるを(?:得|え)(?:ない|ません)",
            rf"ないもの(?:でも|では){_NEG}",
        )
    )
)
# Obligation said with two negatives (〜なければならない): common, but clearer as 〜てください.
_MUST = re.compile(
    r"な(?:ければ|くては|いと)(?:なら(?:ない|ず)|なりません|いけ(?:ない|ません)|だめ|ダメ)"
)


_KINDS = (
    (
        _DOUBLE,
        WARNING,
        "二重否定です。わかりにくいので、肯定の形で書きましょう。",
        "A double negative is hard to follow. Say it positively.",
        None,
    ),
    (
        _MUST,
        INFO,
        "「〜なければなりません」は否定が2つあります。「〜てください」のほうがわかりやすいです。",
        "〜なければなりません has two negatives. 〜てください is clearer.",
        "〜てください",
    ),
)


def check(doc):
    for pattern, severity, ja, en, suggestion in _KINDS:
        for match in pattern.finditer(doc.text):
            yield Finding("double_negative", severity, *match.span(), match[0], ja, en, suggestion)
