"""The て-form of a verb, from its dictionary form and its 連用形 (as in お待ち → 待って)."""

# Godan verbs by the last kana of the dictionary form.
_GODAN_TE = {
    "く": "いて",
    "ぐ": "いで",
    "す": "して",
    "つ": "って",
    "る": "って",
    "う": "って",
    "ぬ": "んで",
    "ぶ": "んで",
    "む": "んで",
}


def te_form(base: str, continuative: str) -> str:
    """`continuative` is the 連用形 as written (待ち, 答え, 問い合わせ)."""
    if base.endswith("する"):
        return base[:-2] + "して"
    if base in ("来る", "くる"):
        return base[:-1] + "て"
    if base.endswith("行く") or base == "いく":
        return base[:-1] + "って"
    if base.endswith("る") and continuative == base[:-1]:  # ichidan: 答える → 答え
        return base[:-1] + "て"
    ending = _GODAN_TE.get(base[-1:])
    return base[:-1] + ending if ending else base + "て"
