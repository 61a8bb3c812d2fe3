"""The public form's words in every content language (data/words.tsv, same shape as the
resident portal's words; drafted, and marked unreviewed there)."""

from functools import cache
from pathlib import Path

from glocal import languages

DATA = Path(__file__).resolve().parent / "data" / "words.tsv"


@cache
def _table() -> dict[str, dict[str, str]]:
    rows = [
        line.split("\t")
        for line in DATA.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header, *body = rows
    tags = header[1:]
    if set(tags) != set(languages.TAGS):
        raise ValueError(f"{DATA}: the columns must be the content languages")
    return {tag: {row[0]: row[i] for row in body} for i, tag in enumerate(tags, start=1)}


def words(tag: str) -> dict[str, str]:
    return _table()[languages.normalise(tag)]
