from typing import Literal

from ninja import Field, Schema

from glocal.api.limits import PlainText
from glocal.easyja.kanji import DEFAULT_SET, SET_NAMES

KanjiSet = Literal[SET_NAMES]  # type: ignore[valid-type]


class CheckIn(Schema):
    text: PlainText = Field(description="Japanese text, up to 100,000 characters.")
    language: Literal["ja", "en"] = Field("ja", description="Language of the messages.")
    max_sentence_chars: int = Field(40, ge=1, le=1000)
    max_clauses: int = Field(3, ge=1, le=50)
    kanji_set: KanjiSet = Field(DEFAULT_SET, description="Kanji the readers are expected to know.")
    tokens: bool = Field(False, description="Include every token (word) of the analysis.")


class SentenceOut(Schema):
    start: int
    end: int
    text: str
    words: int


class MessagesOut(Schema):
    ja: str
    en: str


class FindingOut(Schema):
    rule: str
    severity: Literal["error", "warning", "info"]
    start: int = Field(description="Character offset into the text (from 0).")
    end: int = Field(description="Offset after the last character.")
    text: str
    message: str
    messages: MessagesOut
    suggestion: str | None = Field(description="Advice; may hold ◯ to fill in or ／ choices.")
    replacement: str | None = Field(
        description="Text to put over text[start:end] as it is; null when there is none."
    )


class TokenOut(Schema):
    surface: str
    start: int
    end: int
    reading: str
    base: str
    pos: str
    origin: str


class CountsOut(Schema):
    error: int
    warning: int
    info: int


class CheckOut(Schema):
    score: float = Field(description="jReadability score (Lee & Hasebe); higher is easier.")
    level: str | None = Field(
        description="Level band id; null when the text is too short for a reliable level "
        "(fewer than 3 sentences or 50 words)."
    )
    level_label: str = Field(description="The band's name, or 'too short for a reliable level'.")
    level_reliable: bool
    sentences: list[SentenceOut]
    findings: list[FindingOut]
    counts: CountsOut
    tokens: list[TokenOut] | None = None


class RubyIn(Schema):
    text: PlainText = Field(description="Japanese text, up to 100,000 characters.")
    above_grade: int | None = Field(
        None,
        ge=0,
        le=7,
        description="Only words with a kanji past this school grade (1–6; 7: all jōyō kanji). "
        "Leave out for furigana on every kanji word.",
    )


class RubyOut(Schema):
    html: str
