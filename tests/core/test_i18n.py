from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import glocal

CATALOGUE = Path(glocal.__file__).parent / "locale" / "ja" / "LC_MESSAGES"


def _flat(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def _messages(catalog) -> dict:
    """Keyed by context too: one word may be translated differently in two contexts. (Babel's
    read_mo leaves a context as bytes.)"""
    return {(_text(m.context), _flat(m.id)): _flat(m.string) for m in catalog if m.id}


def _text(value):
    return value.decode() if isinstance(value, bytes) else value


def test_japanese_catalogue_is_complete_and_compiled():
    with open(CATALOGUE / "django.po", "rb") as po, open(CATALOGUE / "django.mo", "rb") as mo:
        source, compiled = read_po(po), read_mo(mo)
    untranslated = [
        m.id
        for m in source
        if m.id and not all(m.string if isinstance(m.string, tuple) else (m.string,))
    ]
    assert untranslated == []
    assert not [m.id for m in source if m.id and m.fuzzy]
    assert _messages(source) == _messages(compiled), "run: glocal compilemessages"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [("ja", "都道府県・市区町村"), ("en", "Prefectures and municipalities")],
)
def test_pages_follow_the_chosen_language(client, language, heading):
    client.cookies["glocal_language"] = language
    page = client.get("/places/").content.decode()
    assert f'<html lang="{language}"' in page
    assert heading in page
