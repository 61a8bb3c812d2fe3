"""What the rules allow: the thresholds staff can change for their audience."""

from dataclasses import dataclass, field

from .kanji import DEFAULT_SET, named_set


@dataclass(frozen=True)
class Options:
    # A sentence longer than this many characters (spaces and end punctuation not counted)…
    max_sentence_chars: int = 40
    # …or with more clauses than this is too long.
    max_clauses: int = 3
    # Kanji a reader is expected to know; see `kanji.named_set` for the names.
    kanji_set: str = DEFAULT_SET
    # Rule ids to leave out.
    skip: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self):
        if self.max_sentence_chars < 1:
            raise ValueError("max_sentence_chars must be at least 1")
        if self.max_clauses < 1:
            raise ValueError("max_clauses must be at least 1")
        named_set(self.kanji_set)  # raises ValueError naming the choices

    @property
    def known_kanji(self) -> frozenset[str]:
        return named_set(self.kanji_set)
