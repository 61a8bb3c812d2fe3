"""The public form's words and topic names in every content language (data/words.tsv and
data/topics.tsv, same shape as the resident portal's words; drafted, and marked unreviewed
there)."""

from pathlib import Path

from glocal import languages
from glocal.core.portal import language_table

DATA = Path(__file__).resolve().parent / "data"
WORDS = DATA / "words.tsv"
TOPICS = DATA / "topics.tsv"


def words(tag: str) -> dict[str, str]:
    return language_table(WORDS)[languages.normalise(tag)]


def topic_name(topic, language) -> str:
    """A topic as the reader sees it: the drafted name in their language for the default
    topics; an organisation's own topic in English, or Japanese to Japanese readers."""
    found = language_table(TOPICS)[language.tag].get(topic.code)
    if found:
        return found
    return topic.name if language.is_japanese else topic.name_en
