"""The editor panel, without a browser: full page posts and htmx partials."""

import pytest

pytestmark = pytest.mark.django_db

PANEL = "/staff/easyja/"
FORM = {"kanji_set": "jlpt-n4", "max_sentence_chars": "40", "max_clauses": "3", "furigana": "all"}


def test_needs_a_login(client):
    response = client.get(PANEL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_post_without_javascript_shows_the_whole_result(client, member):
    client.force_login(member)
    response = client.post(PANEL, {**FORM, "text": "ご注意ください。15:30に集合。"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>やさしい日本語チェック</h1>" in page
    assert (
        '<mark class="finding finding-warning" aria-describedby="finding-1" '
        'title="「お／ご〜ください」などの敬語です。「〜てください」の形で書きましょう。'
        ' → 注意してください">ご注意ください</mark>' in page
    )
    assert 'id="finding-1"' in page
    assert "注意してください" in page
    assert "<ruby>注意<rt>ちゅうい</rt></ruby>" in page


def test_htmx_gets_only_the_result(client, member):
    client.force_login(member)
    response = client.post(
        PANEL, {**FORM, "text": "きょうは 雨です。", "furigana": "6"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" not in page
    assert "指摘はありません" in page
    assert "<ruby>" not in page  # 雨 is a grade 1 kanji


def test_too_long_is_413_with_a_message(client, member):
    client.force_login(member)
    response = client.post(PANEL, {**FORM, "text": "あ" * 100_001}, HTTP_HX_REQUEST="true")
    assert response.status_code == 413
    assert "100,001" in response.content.decode()


def test_english_ui_shows_english_messages(client, member):
    client.force_login(member)
    client.cookies["glocal_language"] = "en"
    response = client.post(PANEL, {**FORM, "text": "ご注意ください。"})
    page = response.content.decode()
    assert "Easy Japanese check" in page
    assert "Write 〜てください instead." in page


def test_short_text_shows_no_band_and_pasteable_replacement(client, member):
    client.force_login(member)
    response = client.post(PANEL, {**FORM, "text": "避難してください。"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert '<span class="level too-short">短すぎて、レベルは判定できません</span>' in page
    assert '<span class="suggestion replacement">' in page
    assert "にげて</span>" in page
