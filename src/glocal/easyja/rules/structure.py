"""Long sentences and sentences that say several things (one sentence, one idea)."""

import re
from bisect import bisect_right

from ..findings import INFO, WARNING, Finding
from ..tokens import row_pattern

RULES = ("long_sentence", "several_ideas")


_JOINERS = frozenset(
    ("ので", "から", "が", "けど", "けれど", "けれども", "し", "のに", "ば", "ても")
)
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
            yield index
    for index, _match in tagged.matches(_STEM):
        yield index


_NOT_COUNTED = re.compile(r"[\s\u3000、。，．！？!?「」『』（）()・]")


def _breaks_by_sentence(doc) -> dict[int, list]:
    """Clause breaks per sentence index; a break needs at least two tokens after it."""
    tagged, sentences = doc.tagged, doc.sentences
    stops = [s.stop for s in sentences]
    found: dict[int, list] = {}
    for index in sorted(_clause_breaks(tagged)):
        number = bisect_right(stops, index)
        if number < len(sentences) and index + 2 < sentences[number].stop:
            found.setdefault(number, []).append(tagged.surface(index))
    return found


def check(doc):
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
