"""The free-text preview shows an Easy Japanese level band only when the text is long enough."""

import pytest

from glocal.easyja import readability

pytestmark = pytest.mark.django_db

SHORT_EASY_TEXT = {
    "category": "general", "severity": "info", "valid_from": "2026-11-21T09:00",
    "mode": "free", "title_ja": "お知らせ", "title_ja-x-easy": "おしらせ",
    "body_ja-x-easy": "あした、 あめが ふります。", "action": "preview",
}  # fmt: skip


def test_short_easy_text_gets_no_level_band(client, editor):
    client.force_login(editor)
    response = client.post("/staff/notices/new/", SHORT_EASY_TEXT, HTTP_ACCEPT_LANGUAGE="ja")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<span class="level unreliable">{readability.TOO_SHORT["ja"]}</span>' in page
    assert "JLPT" not in page.split('class="easyja-summary"')[1].split("</p>")[0]
