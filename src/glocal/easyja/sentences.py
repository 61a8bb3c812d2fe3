"""Sentences as a reader sees them: ended by 。！？ or a line break, closing brackets included."""

import re
from bisect import bisect_left
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^\n。．！？!?]*(?:[。．！？!?]+[」』）)】〕”’]*)?")
_BLANK = " \t\r\u3000\ufeff"  # and a byte order mark left at the start of a file


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    first: int  # index of its first token
    stop: int  # index after its last token

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "words": self.stop - self.first,
        }


def split(tagged) -> list[Sentence]:
    text, starts = tagged.text, tagged.starts
    sentences = []
    for match in _SENTENCE.finditer(text):
        piece = match.group()
        stripped = piece.strip(_BLANK)
        if not stripped:
            continue
        start = match.start() + len(piece) - len(piece.lstrip(_BLANK))
        end = start + len(stripped)
        first, stop = bisect_left(starts, start), bisect_left(starts, end)
        sentences.append(Sentence(start, end, stripped, first, stop))
    return sentences
