"""Long sentences and sentences that say several things (one sentence, one idea)."""

import re
from bisect import bisect_right

from ..findings import INFO, WARNING, Finding
from ..tokens import FIELD_MARK, POS_MARK, row_pattern

RULES = ("long_sentence", "several_ideas", "no_predicate")


_JOINERS = frozenset(
    ("ので", "から", "が", "けど", "けれど", "けれども", "し", "のに", "ば", "ても", "と")
)
# Clause ends that MeCab does not tag as conjunctive particles, with or without a comma:
# 〜ので (の＋で), 〜ため (a noun), 〜場合は. Not のです, ための, 場合の.
_TEXT_BREAKS = re.compile(r"ので(?![はもすし])|ため(?![のだでじ])|場合(?:には|は|、)")
_TE = frozenset(("て", "で"))
_OBLIGATION = ("なる", "いける")  # 〜なければなりません is one predicate
_COMMA = "\n、\x1e"  # the next row is a comma

_PARTICLE = re.compile(row_pattern(pos1="助詞", pos2="接続助詞"), re.M)
# 連用中止 (地震が発生し、…) and conditional auxiliaries (…たら、…なら)
_STEM = re.compile(
    row_pattern(pos1="動詞|形容詞|助動詞", conj_form="連用形[^\x1d-\x1f\n]*")
    + "(?="
    + _COMMA
    + ")"
    + "|"
    + row_pattern(pos1="助動詞", conj_form="仮定形[^\x1d-\x1f\n]*")
    + "(?!\nば\x1e)",
    re.M,
)


def _clause_breaks(tagged):
    """Indexes of tokens after which a new clause begins."""
    for index, match in tagged.matches(_PARTICLE):
        surface = tagged.surface(index)
        after = tagged.out[match.end() : match.end() + 12]
        if (
            surface == "ば"
            and index + 1 < len(tagged)
            and tagged.token(index + 1).base in _OBLIGATION
        ):
            continue
        if surface in _JOINERS or (surface in _TE and after.startswith(_COMMA)):
            yield index, surface
    for index, _match in tagged.matches(_STEM):
        yield index, tagged.surface(index)
    text = tagged.text
    if "ので" in text or "ため" in text or "場合" in text:
        for match in _TEXT_BREAKS.finditer(text):
            label = match.group().rstrip("、")
            yield tagged.index_at(match.start() + len(label) - 1), label


_NOT_COUNTED = re.compile(r"[\s\u3000、。，．！？!?「」『』（）()・]")


def _breaks_by_sentence(doc) -> dict[int, list]:
    """Clause breaks per sentence index; a break needs at least two tokens after it."""
    tagged, sentences = doc.tagged, doc.sentences
    stops = [s.stop for s in sentences]
    found: dict[int, list] = {}
    labels: dict[int, str] = {}
    for index, label in _clause_breaks(tagged):
        if len(label) > len(labels.get(index, "")):
            labels[index] = label  # ので over で
    for index in sorted(labels):
        number = bisect_right(stops, index)
        if number < len(sentences) and index + 2 < sentences[number].stop:
            found.setdefault(number, []).append(labels[index])
    return found


_BULLETS = "○●◎・■□◆◇▶▷※-－―"
_SYMBOLS = ("補助記号", "空白")
_NO_PREDICATE = (
    "文に述語がありません（体言止め）。「〜します」「〜です」のように、文の終わりまで書きましょう。",
    "This sentence has no predicate (it ends in a noun). Finish it: 〜します, 〜です.",
)


_SYMBOL_ROWS = tuple(POS_MARK + pos + FIELD_MARK for pos in _SYMBOLS)
_NOUN_ROW = POS_MARK + "名詞" + FIELD_MARK
_NOT_NOUNS = tuple(_NOUN_ROW + pos2 + FIELD_MARK for pos2 in ("数詞", "固有名詞"))


def _ends_in_noun(doc, sentence) -> int | None:
    """The index of the sentence's last word when it is a noun (not a number), else None.
    Read from the rows: this runs for every sentence."""
    rows = doc.tagged.rows
    index = sentence.stop - 1
    while index >= sentence.first and any(mark in rows[index] for mark in _SYMBOL_ROWS):
        index -= 1
    if index <= sentence.first:  # one word: a heading or a label
        return None
    row = rows[index]
    if _NOUN_ROW not in row or any(mark in row for mark in _NOT_NOUNS):
        return None
    return index


def _no_predicate(doc):
    """Sentences that stop at a noun: 〜を実施。, ○生活支援の充実. A heading (no 。, no
    bullet) is left alone unless it names an action (〜の＋漢語: 〜の推進)."""
    for sentence in doc.sentences:
        text = sentence.text
        ended = text.endswith(("。", "．"))
        bulleted = text[0] in _BULLETS
        if not (ended or bulleted or "の" in text):
            continue
        index = _ends_in_noun(doc, sentence)
        if index is None:
            continue
        token = doc.tagged.token(index)
        before = doc.tagged.token(index - 1)
        action = token.origin == "漢" and len(token.surface) >= 2 and before.surface == "の"
        if not (ended or bulleted or action):
            continue
        severity = WARNING if ended or bulleted else INFO
        yield Finding("no_predicate", severity, sentence.start, sentence.end, text, *_NO_PREDICATE)


def check(doc):
    yield from _no_predicate(doc)
    limit_chars = doc.options.max_sentence_chars
    limit_clauses = doc.options.max_clauses
    breaks = _breaks_by_sentence(doc)
    for number, sentence in enumerate(doc.sentences):
        joints = breaks.get(number, ())
        clauses = len(joints) + 1
        length = len(_NOT_COUNTED.sub("", sentence.text))
        if length > limit_chars or clauses > limit_clauses:
            ja, en = [], []
            if length > limit_chars:
                ja.append(f"{length}文字あります（目安は{limit_chars}文字まで）")
                en.append(f"it has {length} characters (aim for {limit_chars} at most)")
            if clauses > limit_clauses:
                ja.append(f"{clauses}つの節があります（目安は{limit_clauses}つまで）")
                en.append(f"it has {clauses} clauses (aim for {limit_clauses} at most)")
            yield Finding(
                "long_sentence",
                WARNING,
                sentence.start,
                sentence.end,
                sentence.text,
                "文が長すぎます。" + "、".join(ja) + "。短い文に分けましょう。",
                "This sentence is too long: " + "; ".join(en) + ". Split it into short ones.",
            )
        if clauses >= 2:
            where = "」「".join(joints)
            yield Finding(
                "several_ideas",
                INFO,
                sentence.start,
                sentence.end,
                sentence.text,
                f"1つの文で{clauses}つのことを言っています。「{where}」のところで文を分けて、"
                "1つの文には1つのことだけを書きましょう。",
                f"This sentence says {clauses} things. Split it at 「{where}」 and say one thing "
                "per sentence.",
            )
