"""The public form's words and topic names in every content language (data/words.tsv and
data/topics.tsv, same shape as the resident portal's words; drafted, and marked unreviewed
there)."""

from functools import cache
from pathlib import Path

from glocal import languages

DATA = Path(__file__).resolve().parent / "data"
WORDS = DATA / "words.tsv"
TOPICS = DATA / "topics.tsv"


@cache
def _table(path: Path) -> dict[str, dict[str, str]]:
    rows = [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header, *body = rows
    tags = header[1:]
    if set(tags) != set(languages.TAGS):
        raise ValueError(f"{path}: the columns must be the content languages")
    return {tag: {row[0]: row[i] for row in body} for i, tag in enumerate(tags, start=1)}


def words(tag: str) -> dict[str, str]:
    return _table(WORDS)[languages.normalise(tag)]


def topic_name(topic, language) -> str:
    """A topic as the reader sees it: the drafted name in their language for the default
    topics; an organisation's own topic in English, or Japanese to Japanese readers."""
    found = _table(TOPICS)[language.tag].get(topic.code)
    if found:
        return found
    return topic.name if language.is_japanese else topic.name_en
