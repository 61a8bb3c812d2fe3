"""jReadability: Lee & Hasebe's readability model for Japanese.

Lee, J. & Hasebe, Y. (2016), "Readability measurement of Japanese texts based on levelled
corpora". The score is a linear model of the mean sentence length in words and the percentages of
kango (漢語), wago (和語), verbs and particles among all words:

    X = 11.724 − 0.056·length − 0.126·kango − 0.042·wago − 0.145·verbs − 0.044·particles

Words and sentences are counted exactly as the `jreadability` package counts them (every MeCab
token, punctuation included; sentences end at 。？！．), so both give the same score for the
same text and the published level bands apply.
"""

from dataclasses import dataclass

INTERCEPT = 11.724
W_LENGTH, W_KANGO, W_WAGO, W_VERBS, W_PARTICLES = -0.056, -0.126, -0.042, -0.145, -0.044

_SENTENCE_ENDS = frozenset(("。", "？", "！", "．"))


@dataclass(frozen=True)
class Level:
    id: str
    ja: str
    en: str
    lowest: float  # bands are published on scores rounded to one decimal: 0.5–1.4, 1.5–2.4…


# Lowest band first. Scores below 0.5 or above 6.4 fall in the nearest band.
LEVELS = (
    Level("upper_advanced", "上級後半", "upper advanced", 0.5),
    Level("lower_advanced", "上級前半", "lower advanced", 1.5),
    Level("upper_intermediate", "中級後半", "upper intermediate", 2.5),
    Level("lower_intermediate", "中級前半", "lower intermediate", 3.5),
    Level("upper_elementary", "初級後半", "upper elementary", 4.5),
    Level("lower_elementary", "初級前半", "lower elementary", 5.5),
)


def level(score: float) -> Level:
    rounded = round(score + 1e-9, 1)  # the published bands use one decimal
    found = LEVELS[0]
    for band in LEVELS:
        if rounded >= band.lowest:
            found = band
    return found


# Below these, the score is shown but no band: the model was fitted on passages of textbooks,
# and its two main terms fall apart on less. Mean sentence length over one or two sentences is
# one sentence's length (a text of headings with no 。 is one "sentence" of hundreds of words:
# −23.6 for a plan outline), and with fewer than 50 words one kango word moves the score by a
# quarter of a band. Three sentences and 50 words is about one short notice paragraph.
MIN_SENTENCES = 3
MIN_WORDS = 50
TOO_SHORT = {
    "ja": "短すぎて、レベルは判定できません",
    "en": "too short for a reliable level",
}


def sentence_count(tagged) -> int:
    """Sentences as jReadability counts them: ended by 。？！．, plus a last one without."""
    sentences = tagged.count_surfaces(_SENTENCE_ENDS)
    return sentences + (tagged.surface(-1) not in _SENTENCE_ENDS)


def reliable(tagged) -> bool:
    """Is the text long enough for the level bands to mean anything?"""
    return len(tagged) >= MIN_WORDS and sentence_count(tagged) >= MIN_SENTENCES


def score(tagged) -> float:
    """The jReadability score of a `tokens.Tagged` text with at least one token."""
    words = len(tagged)
    kango, wago = tagged.count(origin="漢"), tagged.count(origin="和")
    # not the auxiliary-like ある, いる, する…
    verbs = tagged.count(pos1="動詞") - tagged.count(pos1="動詞", pos2="非自立可能")
    particles = tagged.count(pos1="助詞")
    sentences = sentence_count(tagged)
    return (
        words / sentences * W_LENGTH
        + 100.0 * kango / words * W_KANGO
        + 100.0 * wago / words * W_WAGO
        + 100.0 * verbs / words * W_VERBS
        + 100.0 * particles / words * W_PARTICLES
        + INTERCEPT
    )
