"""Every content language's script has an installed font, or pages show empty boxes.

Browsers draw a missing script as empty boxes and a screenshot test of such a page still
passes, so the fonts are asked for directly: fontconfig answers per language from each font's
actual coverage. Locally the test is skipped without fontconfig; in CI it must run.
"""

import os
import shutil
import subprocess

import pytest

from glocal import languages

# fontconfig names some languages differently from BCP 47.
FONTCONFIG_LANG = {
    "ja-x-easy": "ja",
    "zh-Hans": "zh-cn",
    "zh-Hant": "zh-tw",
    "mn": "mn-mn",  # Mongolian in Cyrillic, as Mongolia writes it
}


def _fonts_for(tag: str) -> list[str]:
    lang = FONTCONFIG_LANG.get(tag, tag)
    listed = subprocess.run(
        ["fc-list", f":lang={lang}", "family"], capture_output=True, text=True, check=True
    )
    return [line for line in listed.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("tag", languages.TAGS)
def test_each_content_language_has_a_font(tag):
    if shutil.which("fc-list") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("fontconfig (fc-list) is missing; in CI the font check must run")
        pytest.skip("fontconfig is not installed")
    assert _fonts_for(tag), (
        f"no installed font covers {tag}: install fonts-noto-core and fonts-noto-cjk"
    )
