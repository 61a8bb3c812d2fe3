"""Normalising names so that a search matches whatever script the user typed."""

import re
import unicodedata

import jaconv


def fold(text: str) -> str:
    """Width-, case- and kana-folded text: ＡＩＺＵ, aizu and アイヅ become comparable."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return jaconv.kata2hira(text).replace(" ", "").replace("-", "").replace("・", "")


def romanise(kana: str) -> str:
    """Hepburn romanisation of a hiragana name, without macrons, as road signs write it.

    Long vowels are folded (とうきょう → tokyo, きゅうしゅう → kyushu); a final おお keeps both
    letters because it usually ends one word (ひろお → hiroo).
    """
    latin = jaconv.kana2alphabet(jaconv.kata2hira(kana))
    latin = latin.replace("ou", "o").replace("uu", "u")
    if latin.endswith("oo"):
        return latin[:-2].replace("oo", "o") + "oo"
    return latin.replace("oo", "o")


# Transliteration variants that Japanese documents mix freely: ヴァ/バ, ウェ/ウエ, ー or not,
# ヂ/ジ, and the joiners between the parts of a foreign name (・, ＝, =, ゠, hyphens, spaces).
_V_SOUNDS = (
    ("ゔぁ", "ば"),
    ("ゔぃ", "び"),
    ("ゔぇ", "べ"),
    ("ゔぉ", "ぼ"),
    ("ゔゅ", "びゅ"),
    ("ゔ", "ぶ"),
)
_VARIANTS = str.maketrans(
    {"ぁ": "あ", "ぃ": "い", "ぅ": "う", "ぇ": "え", "ぉ": "お", "ぢ": "じ", "づ": "ず"}
    | dict.fromkeys("=゠ー‐–—'’.,()[]「」", None)
)


def _without_accents(text: str) -> str:
    """São Paulo → Sao Paulo; kana keep their voicing marks (only Latin accents are dropped)."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F)
    return unicodedata.normalize("NFC", kept)


def name_key(text: str) -> str:
    """A foreign place name folded for matching: ニュー・サウス・ウェールズ, ニューサウスウエールズ
    and ﾆｭｰｻｳｽｳｪｰﾙｽﾞ give the same key, as do Baden-Württemberg and baden wurttemberg."""
    key = fold(_without_accents(text))
    for sound, plain in _V_SOUNDS:
        key = key.replace(sound, plain)
    return key.translate(_VARIANTS)


# The words Japanese (and English) writers add to a region's name, longest first so that
# 特別自治市 goes before 市. The bare name stays recognisable: 京畿道 → 京畿.
_REGION_SUFFIXES = sorted(
    (
        *("州", "省", "道", "県", "都", "市", "区", "地方", "地域", "準州", "地域圏", "広域市"),
        *("特別市", "特別区", "共和国", "自治区", "自治州", "自治県", "大都市", "特別自治市"),
        *("特別自治道", "自治管区", "特別行政区", "首都圏", "行政地域"),
    ),
    key=len,
    reverse=True,
)
_ENGLISH_SUFFIX = re.compile(
    r"[\s\-]+(province|state|prefecture|region|oblast|krai|kray|republic|sheng|shi|zizhiqu"
    r"|do|si|teukbyeolsi|gwangyeoksi|county|department|territory)$",
    re.IGNORECASE,
)


def region_stem(text: str) -> str:
    """name_key() without the administrative word: テキサス州 → てきさす, Texas State → texas.

    Stems are compared only after whole names, so ソウル and ソウル特別市 both find Seoul while
    モスクワ (the city) is still told apart from モスクワ州 (the oblast)."""
    key = name_key(_ENGLISH_SUFFIX.sub("", text.strip()))
    for suffix in _REGION_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            return key.removesuffix(suffix)
    return key
