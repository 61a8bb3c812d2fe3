"""Easy forms put in the grammatical form of the words they replace, so a suggestion can be
pasted in: 避難してください → にげてください, 危険な場所 → あぶない場所.

The easy form's conjugation type (五段-ラ行, 下一段…) comes from UniDic's full features. Only
easy forms are analysed that way (a few dozen, cached), never the text itself."""

import re
import threading
from functools import cache

import fugashi
import unidic_lite

# Godan rows: the a-, i-, e- and o-row kana and the て-form ending.
_GODAN = {
    "カ": ("か", "き", "け", "こ", "いて"),
    "ガ": ("が", "ぎ", "げ", "ご", "いで"),
    "サ": ("さ", "し", "せ", "そ", "して"),
    "タ": ("た", "ち", "て", "と", "って"),
    "ナ": ("な", "に", "ね", "の", "んで"),
    "バ": ("ば", "び", "べ", "ぼ", "んで"),
    "マ": ("ま", "み", "め", "も", "んで"),
    "ラ": ("ら", "り", "れ", "ろ", "って"),
    "ワア": ("わ", "い", "え", "お", "って"),
}
# Forms a word slot can take, named by what follows it.
DICTIONARY, STEM, NEGATIVE, CONDITIONAL, VOLITIONAL, TE, TA = (
    "dictionary",
    "stem",  # 連用形: 〜ます, 〜たい, 〜ながら
    "negative",  # 未然形: 〜ない
    "conditional",  # 仮定形: 〜ば
    "volitional",  # 〜う／よう
    "te",
    "ta",
)
# Adjective slots (for 形状詞 and nouns that take な: 危険な → あぶない).
ATTRIBUTIVE, ADVERBIAL, CONNECTIVE = "attributive", "adverbial", "connective"

_local = threading.local()


def _full_tagger() -> fugashi.Tagger:
    found = getattr(_local, "full", None)
    if found is None:
        found = _local.full = fugashi.Tagger(f"-d {unidic_lite.DICDIR}")
    return found


@cache
def easy_word(easy: str) -> tuple[str, str, str] | None:
    """(prefix, last word, kind) for an easy form that can be inflected: kind is the last
    word's conjugation type (五段-ラ行…) or 形容詞 or 名詞 for a plain noun phrase; None for
    forms that are not one phrase (alternatives with ／, blanks ◯, explanations in brackets)."""
    if not easy or re.search(r"[／/◯〜（）()、]", easy):
        return None
    words = _full_tagger()(easy)
    if not words:
        return None
    last = words[-1]
    prefix = easy[: len(easy) - len(last.surface)]
    if last.feature.pos1 == "動詞":
        return prefix, last.surface, last.feature.cType
    if last.feature.pos1 == "形容詞" and last.surface.endswith("い"):
        return prefix, last.surface, "形容詞"
    return prefix, last.surface, "名詞"


def _verb(word: str, kind: str, form: str) -> str | None:
    if kind.startswith("五段"):
        row = kind.partition("-")[2].removesuffix("行")
        if row not in _GODAN:
            return None
        a, i, e, o, te = _GODAN[row]
        stem = word[:-1]
        if word.endswith(("行く", "いく")):  # 行って, not 行いて
            te = "って"
        return {
            DICTIONARY: word,
            STEM: stem + i,
            NEGATIVE: stem + a,
            CONDITIONAL: stem + e,
            VOLITIONAL: stem + o + "う",
            TE: stem + te,
            TA: stem + te[:-1] + ("だ" if te.endswith("で") else "た"),
        }.get(form)
    if kind.startswith(("下一段", "上一段")):
        stem = word[:-1]
        return {
            DICTIONARY: word,
            STEM: stem,
            NEGATIVE: stem,
            CONDITIONAL: stem + "れ",
            VOLITIONAL: stem + "よう",
            TE: stem + "て",
            TA: stem + "た",
        }.get(form)
    if kind == "サ行変格":
        stem = word[:-2]
        forms = {DICTIONARY: "する", STEM: "し", NEGATIVE: "し", CONDITIONAL: "すれ"}
        forms |= {VOLITIONAL: "しよう", TE: "して", TA: "した"}
        return stem + forms[form] if form in forms else None
    if kind == "カ行変格":
        stem = word[:-2] if word.endswith("くる") else word[:-1]
        kana = word.endswith("くる")
        forms = {
            DICTIONARY: "くる" if kana else "る",
            STEM: "き" if kana else "",
            NEGATIVE: "こ" if kana else "",
            CONDITIONAL: "くれ" if kana else "れ",
            TE: "きて" if kana else "て",
            TA: "きた" if kana else "た",
        }
        return stem + forms[form] if form in forms else None
    return None


def _adjective(word: str, form: str) -> str | None:
    stem = word[:-1]
    return {
        DICTIONARY: word,
        ATTRIBUTIVE: word,
        ADVERBIAL: stem + "く",
        CONNECTIVE: stem + "くて",
        TA: stem + "かった",
    }.get(form)


def inflect(easy: str, form: str) -> str | None:
    """`easy` (a dictionary form such as にげる, 気をつける, あぶない) in `form`, or None when
    that cannot be said with it."""
    found = easy_word(easy)
    if found is None:
        return None
    prefix, word, kind = found
    if kind == "形容詞":
        inflected = _adjective(word, form)
    elif kind == "名詞":
        inflected = word if form == DICTIONARY else None
    else:
        inflected = _verb(word, kind, form)
    return prefix + inflected if inflected is not None else None


def kind_of(easy: str) -> str | None:
    """ "verb", "adjective" or "noun" for an inflectable easy form."""
    found = easy_word(easy)
    if found is None:
        return None
    kind = found[2]
    return {"形容詞": "adjective", "名詞": "noun"}.get(kind, "verb")
