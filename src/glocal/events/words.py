"""The public words of the events pages in every content language (data/words.tsv)."""

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "words.tsv"


@cache
def table() -> dict[str, dict[str, str]]:
    lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = list(csv.reader(lines, delimiter="\t"))
    tags = rows[0][1:]
    found = {}
    for key, *texts in rows[1:]:
        pairs = zip(tags, texts, strict=True)
        found[key] = {tag: text.replace("\\n", "\n") for tag, text in pairs if text}
    return found


def get(key: str, language: str) -> str:
    texts = table()[key]
    return texts.get(language) or texts.get("en") or texts["ja"]


def all_in(language: str) -> dict[str, str]:
    return {key: get(key, language) for key in table()}
