"""Double negatives (二重否定): say the positive thing instead."""

import re

from ..findings import INFO, WARNING, Finding

RULES = ("double_negative", "partial_negation")

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


# A negative condition and a negated predicate later in the same sentence (二重否定 over a
# clause): 〜しなくても…わけではない, 〜なくても…とは限らない, 〜ないと…ない／ません.
_SPREAD = re.compile(
    r"(?:な(?:くても|くては|ければ)|ないと(?![きこ]))"  # not ないとき, ないところ
    r"[^。．！？!?\n]{1,40}?"
    r"(?:わけ(?:では|じゃ)(?:ない(?:です)?|ありません)"
    r"|とは限(?:らない|りません)"
    r"|(?<![わ])(?:ない(?:です)?|ません)(?=[。．！？!?\n]|$))"
)
_SPREAD_MESSAGES = (
    "否定の条件と否定の文末で、二重否定になっています。わかりにくいので、"
    "「〜てください」「〜ことがあります」のように肯定の形で書きましょう。",
    "A negative condition with a negated ending is a double negative. Say it positively "
    "(〜てください, 〜ことがあります).",
)
# Partial negation: 〜わけではありません after a positive verb (not after ない: that is the
# double negative above). Readers take it as a plain "no".
_PARTIAL = re.compile(r"(?:わけ|訳)(?:では|じゃ)(?:ない(?:です)?|ありません)")
_NOT_ALL = re.compile(r"(?:必ずしも|すべてが|全てが|全部が)[^。．！？!?\n]{0,20}?(?:ない|ません)")
_PARTIAL_MESSAGES = (
    "部分否定（「〜わけではありません」など）は、ただの否定と読まれやすいです。"
    "「〜こともあります」「〜ときもあります」のように、はっきり書きましょう。",
    "Partial negation (〜わけではありません) is easily read as a plain no. Say what is the case: "
    "〜こともあります.",
)


def check(doc):
    text = doc.text
    if "な" not in text and "ざ" not in text and "ませ" not in text:
        return
    reported = []
    for pattern, severity, ja, en, suggestion in _KINDS:
        for match in pattern.finditer(text):
            reported.append(match.span())
            yield Finding("double_negative", severity, *match.span(), match[0], ja, en, suggestion)
    for match in _SPREAD.finditer(text):
        start, end = match.span()
        if any(start < b and a < end for a, b in reported):
            continue  # 〜なければならない and the one-phrase forms are reported above
        reported.append((start, end))
        yield Finding(
            "double_negative",
            WARNING,
            start,
            end,
            match[0],
            *_SPREAD_MESSAGES,
            "〜てください／〜ことがあります",
        )
    partial = [
        m for m in _PARTIAL.finditer(text) if text[max(0, m.start() - 2) : m.start()] != "ない"
    ]
    for match in partial + list(_NOT_ALL.finditer(text)):
        if any(match.start() < b and a < match.end() for a, b in reported):
            continue
        yield Finding(
            "partial_negation",
            WARNING,
            *match.span(),
            match[0],
            *_PARTIAL_MESSAGES,
            "〜こともあります",
        )
