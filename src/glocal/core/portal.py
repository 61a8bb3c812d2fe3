"""What every page of the resident portal shares, whichever app serves it (notices, the
subscription pages of delivery): its own words, the language from the URL, the links to the same
page in the other languages, and place names. Pages extend `core/portal_base.html`.

The words live in data/portal.tsv, not in gettext catalogues: the staff interface is Japanese
and English, while residents read the portal in any of the content languages.
"""

from functools import cache
from pathlib import Path

from django.http import Http404
from django.urls import reverse

from glocal import languages

DATA = Path(__file__).resolve().parent / "data" / "portal.tsv"


@cache
def language_table(path: Path) -> dict[str, dict[str, str]]:
    """A table of words by key (first column) in every content language (one column each,
    all of them, or the file is refused): language tag → key → text. Apps with public words
    of their own keep them in a file of the same shape."""
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
    """Every portal string in the language `tag`, by key."""
    return language_table(DATA)[languages.normalise(tag)]


def content_language(tag: str) -> languages.ContentLanguage:
    """The content language a URL names; an unknown one is a page that does not exist."""
    try:
        return languages.get(tag)
    except languages.UnknownLanguage:
        raise Http404(tag) from None


def page_context(request, language, route="portal:notices", route_kwargs=None, **extra):
    """What every portal page needs: its words, and this page in each other language."""
    query = request.GET.urlencode()
    others = []
    for other in languages.CONTENT_LANGUAGES:
        url = reverse(route, kwargs={"language": other.tag, **(route_kwargs or {})})
        others.append(
            {
                "language": other,
                "current": other.tag == language.tag,
                "url": f"{url}?{query}" if query else url,
            }
        )
    return {"language": language, "t": words(language.tag), "languages": others, **extra}


def place_name(place, language: languages.ContentLanguage) -> str:
    """A local government's name as the reader writes it."""
    if language.is_japanese:
        return place.name
    return place.names.get(language.tag) or place.name_en


def place_names(places, language: languages.ContentLanguage) -> list[tuple[object, str]]:
    """(place, name) for places shown together: each in the reader's language only when all of
    them have a name in it, else all by their romanised name, so that a list never mixes
    "thành phố Fukushima" with "Tamura City"."""
    places = list(places)
    if language.is_japanese:
        return [(p, p.name) for p in places]
    if all(p.names.get(language.tag) for p in places):
        return [(p, p.names[language.tag]) for p in places]
    return [(p, p.name_en) for p in places]
