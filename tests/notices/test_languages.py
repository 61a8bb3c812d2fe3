"""The content-language registry."""

import pytest
from babel import Locale

from glocal import languages
from tests.core.test_settings import run_glocal

REQUIRED = [
    *("ja", "ja-x-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "tl"),
    *("pt", "es", "ne", "id", "th", "my", "km", "mn"),
]


def test_registry_has_every_required_language_with_names_and_a_locale():
    assert list(languages.TAGS) == REQUIRED
    for language in languages.CONTENT_LANGUAGES:
        assert language.native
        assert language.japanese
        assert Locale.parse(language.locale)
        assert language.direction in ("ltr", "rtl")


def test_tags_match_without_case_and_unknown_ones_are_named():
    assert languages.normalise("zh-hans") == "zh-Hans"
    with pytest.raises(languages.UnknownLanguage, match="'xx'"):
        languages.get("xx")


def test_load_phrases_command(tmp_path):
    result = run_glocal("load-phrases", "--check", GLOCAL_HOME=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "78 phrase templates, all languages, no errors." in result.stdout
