"""Normalising names so that a search matches whatever script the user typed."""

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
