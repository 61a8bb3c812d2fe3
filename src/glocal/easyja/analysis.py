"""`analyze(text)`: tokens, sentences, the readability score and level, and findings."""

from dataclasses import dataclass, field

from . import readability, rules
from .findings import Finding
from .options import Options
from .readability import Level
from .sentences import Sentence, split
from .tokens import Tagged, Token


class EmptyTextError(ValueError):
    """There is nothing to analyse: the text is empty or only spaces."""

    def __init__(self):
        super().__init__("The text is empty: there is nothing to analyse.")


@dataclass(frozen=True)
class Analysis:
    text: str
    tagged: Tagged
    sentences: list[Sentence]
    score: float
    level: Level  # the nearest band, even for a short text: see `reliable`
    findings: list[Finding] = field(default_factory=list)
    # Long enough for a band (readability.MIN_SENTENCES, MIN_WORDS); else only the score.
    reliable: bool = True

    @property
    def band(self) -> Level | None:
        """The level band, or None when the text is too short for one."""
        return self.level if self.reliable else None

    def level_label(self, language: str = "ja") -> str:
        if not self.reliable:
            return readability.TOO_SHORT["en" if language == "en" else "ja"]
        return self.level.en if language == "en" else self.level.ja

    @property
    def tokens(self) -> list[Token]:
        return self.tagged.tokens()

    def counts(self) -> dict[str, int]:
        counted = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counted[finding.severity] += 1
        return counted

    def as_dict(self, language: str = "ja", tokens: bool = False) -> dict:
        data = {
            "score": round(self.score, 3),
            "level": self.band.id if self.reliable else None,
            "level_label": self.level_label(language),
            "level_reliable": self.reliable,
            "sentences": [s.as_dict() for s in self.sentences],
            "findings": [f.as_dict(language) for f in self.findings],
            "counts": self.counts(),
        }
        if tokens:
            data["tokens"] = [t.as_dict() for t in self.tokens]
        return data


def analyze(text: str, options: Options | None = None) -> Analysis:
    if not text or text.isspace():
        raise EmptyTextError()
    options = options or Options()
    tagged = Tagged(text)
    if not len(tagged):  # only characters MeCab drops
        raise EmptyTextError()
    sentences = split(tagged)
    score = readability.score(tagged)
    findings = rules.check(rules.Document(text, tagged, sentences, options))
    return Analysis(
        text,
        tagged,
        sentences,
        score,
        readability.level(score),
        findings,
        readability.reliable(tagged),
    )
