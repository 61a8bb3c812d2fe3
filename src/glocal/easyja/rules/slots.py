"""Where a replacement goes and what it must be: the word, with the する, な or て after it
that the easy form changes (避難して → にげて, 危険な → あぶない, 控えて → やめて)."""

from . import inflect

_TE = frozenset(("て", "で"))
_TA = {"た": "", "だ": "", "たら": "ら", "だら": "ら", "たり": "り", "だり": "り"}


def _adjacent(tagged, index: int) -> bool:
    return index < len(tagged) and tagged.starts[index] == tagged.ends[index - 1]


def _verb_form(tagged, slot: int) -> tuple[int, str, str] | None:
    """(last index replaced, form, ending to add) for the verb at `slot` and what follows."""
    token = tagged.token(slot)
    after = slot + 1
    if _adjacent(tagged, after):
        following = tagged.token(after)
        if following.surface in _TE and following.pos1 == "助詞":
            return after, inflect.TE, ""
        if following.surface in _TA and following.base in ("た", "たり"):
            return after, inflect.TA, _TA[following.surface]
    form = token.conj_form
    if form.startswith(("終止形", "連体形")):
        return slot, inflect.DICTIONARY, ""
    if form.startswith("連用形-一般"):
        return slot, inflect.STEM, ""
    if form == "未然形-一般":
        return slot, inflect.NEGATIVE, ""
    if form.startswith("仮定形"):
        return slot, inflect.CONDITIONAL, ""
    if form.startswith("意志推量形"):
        return slot, inflect.VOLITIONAL, ""
    return None  # passive and causative stems (さ, せ), imperatives: no safe replacement


def _adjective_form(tagged, after: int) -> tuple[int, str] | None:
    """危険な → あぶない, 危険だ → あぶない, 危険に → あぶなく, 危険で → あぶなくて."""
    if not _adjacent(tagged, after):
        return None
    following = tagged.token(after)
    if following.base == "です":
        return after - 1, inflect.DICTIONARY  # あぶないです: です stays
    if following.base != "だ":
        return None
    if following.surface == "な":
        return after, inflect.ATTRIBUTIVE
    if following.surface == "だ" and following.conj_form.startswith("終止形"):
        return after, inflect.DICTIONARY
    if following.surface == "に":
        return after, inflect.ADVERBIAL
    if following.surface == "で" and following.conj_form.startswith("連用形"):
        return after, inflect.CONNECTIVE
    return None


_cache: dict[tuple, tuple[int, str] | None] = {}


def replacement(tagged, first: int, last: int, easy: str) -> tuple[int, str] | None:
    """(index of the last token replaced, text to put over tokens first…that index) for the
    difficult word at tokens first…last, or None when its easy form does not fit the sentence.

    Official prose repeats its phrases (避難してください…), so answers are kept by the rows
    they were read from: the word and the two tokens after it, and whether they touch."""
    rows, starts, ends = tagged.rows, tagged.starts, tagged.ends
    after = range(last + 1, min(last + 3, len(rows)))
    key = (
        easy,
        *rows[first : last + 1],
        *(rows[i] for i in after),
        *(starts[i] == ends[i - 1] for i in after),
    )
    found = _cache.get(key, False)
    if found is False:
        found = _replacement(tagged, first, last, easy)
        if found is not None:
            found = (found[0] - last, found[1])
        if len(_cache) < 10_000:
            _cache[key] = found
    return None if found is None else (last + found[0], found[1])


def _replacement(tagged, first: int, last: int, easy: str) -> tuple[int, str] | None:
    kind = inflect.kind_of(easy)
    if kind is None:
        return None
    word = tagged.token(last)
    if word.pos1 in ("動詞", "形容詞"):  # a listed verb, conjugated: 控えて, 見合わせ
        if kind != "verb" or word.pos1 != "動詞":
            return None
        found = _verb_form(tagged, last)
    elif _adjacent(tagged, last + 1) and tagged.token(last + 1).base == "する":
        if kind == "noun":  # 通知します → お知らせします
            return last, easy
        if kind != "verb":
            return None
        found = _verb_form(tagged, last + 1)
    elif kind == "adjective":
        adjective = _adjective_form(tagged, last + 1)
        if adjective is None:
            return None
        stop, form = adjective
        text = inflect.inflect(easy, form)
        return (stop, text) if text else None
    elif kind == "noun" or word.pos1 in ("副詞", "接続詞") or word.pos2 == "副詞可能":
        return last, easy  # 河川 → 川, 直ちに → すぐに
    else:
        return None  # a verb's easy form for a bare noun (避難の準備): reword by hand
    if found is None:
        return None
    stop, form, ending = found
    text = inflect.inflect(easy, form)
    return (stop, text + ending) if text else None
