"""Every page, with the demo data, read in Japanese: no English left in what the reader sees.

Text marked as another language (lang="en"), code and hidden elements are left out; the rest
is searched for words that have leaked from the code or the data (choice values, field names,
English plurals of Japanese model names)."""

import re
from fnmatch import fnmatch
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.japanese_pages import demo_pages, visible_text

pytestmark = pytest.mark.django_db

LEFTOVERS = [
    r"\beducation\b",
    r"\btourism\b",
    r"\bCountry\b",
    r"\b\d{3}0s\b",  # decades: 1970s is 1970年代
    r"command line",
    r"\bcli\)",
    r"\bNotice\b",
    r"policys",
    r"Deliverys",
    r"suits a population",
    r"[\u3040-\u30ff\u4e00-\u9fff]s\b",  # an English plural on a Japanese name: お知らせs
]

# Leftovers whose fix is in code this branch does not own, named with what is needed. The test
# fails when one of them is fixed, so that it is taken off this list.
PENDING: dict = {}  # (page, pattern) → what must change; empty: nothing known is pending
# ISO 3166-2 names the kinds of subdivision in English ("Country", "County"): reference data.
NOT_CHECKED = {"admin:places.subdivision"}


def _leftovers(text: str) -> set[str]:
    return {pattern for pattern in LEFTOVERS if re.search(pattern, text)}


def _pending(page: str, pattern: str) -> bool:
    return any(fnmatch(page, where) and pattern == what for where, what in PENDING)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def _read_every_page(client) -> dict[tuple[str, str], str]:
    """(page, pattern) → the page's path, for every leftover found."""
    users = get_user_model().objects
    readers = {
        "staff": users.get(username="fukushima.admin"),
        "public": None,
        "admin": users.get(username="admin"),
    }
    found = {}
    for group, pages in demo_pages().items():
        client.logout()
        if readers[group] is not None:
            client.force_login(readers[group])
        for name, path in pages:
            page = f"{group}:{name}"
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
            assert response.status_code == 200, (page, path, response.status_code)
            if page in NOT_CHECKED:
                continue
            for pattern in _leftovers(visible_text(response.content.decode())):
                found[(page, pattern)] = path
    return found


def test_japanese_pages_have_no_english_leftovers(client, demo):
    found = _read_every_page(client)
    unexpected = {key: path for key, path in found.items() if not _pending(*key)}
    assert unexpected == {}
    fixed = [
        (where, what)
        for where, what in PENDING
        if not any(fnmatch(page, where) and p == what for page, p in found)
    ]
    assert fixed == [], "fixed now: take these off PENDING"


@pytest.mark.parametrize(
    ("html", "seen"),
    [
        ('<p>分野：<span lang="en">education</span></p>', "分野："),
        ("<p>キー <code>shelter.opened</code></p>", "キー"),
        ('<p hidden>Country</p><p title="国">国</p>', "国\n国"),
    ],
)
def test_visible_text_leaves_out_other_languages_code_and_hidden(html, seen):
    assert visible_text(html) == seen
