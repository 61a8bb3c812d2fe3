"""POST /api/v1/easyja/check and /ruby."""

import pytest

from glocal.easyja import analyze
from glocal.orgs.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(issue_token, home_org):
    return issue_token(home_org, Role.VIEWER)


def post(client, path, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(f"/api/v1/easyja/{path}", body, content_type="application/json", **headers)


def test_check_returns_score_level_sentences_and_findings(client, token):
    text = "ご注意ください。外出を控えてください。"
    response = post(client, "check", {"text": text, "language": "en"}, token)
    assert response.status_code == 200
    data = response.json()
    expected = analyze(text)
    assert data["score"] == pytest.approx(expected.score, abs=0.001)
    # two sentences: the score, but no band (too short for a reliable level)
    assert data["level"] is None
    assert data["level_label"] == "too short for a reliable level"
    assert data["level_reliable"] is False
    assert len(data["sentences"]) == 2
    rules = {(f["rule"], text[f["start"] : f["end"]]) for f in data["findings"]}
    assert ("honorific", "ご注意ください") in rules
    assert ("difficult_word", "控え") in rules
    honorific = next(f for f in data["findings"] if f["rule"] == "honorific")
    assert honorific["replacement"] == "注意してください"
    assert data["tokens"] is None


def test_check_options_and_tokens(client, token):
    body = {"text": "山に行く。", "kanji_set": "grade-1", "tokens": True}
    data = post(client, "check", body, token).json()
    assert [f["text"] for f in data["findings"] if f["rule"] == "kanji_outside_set"] == ["行く"]
    assert data["tokens"][0] == {
        "surface": "山",
        "start": 0,
        "end": 1,
        "reading": "やま",
        "base": "山",
        "pos": "名詞-普通名詞",
        "origin": "和",
    }


def test_ruby(client, token):
    response = post(client, "ruby", {"text": "雨が降る"}, token)
    assert response.json() == {"html": "<ruby>雨<rt>あめ</rt></ruby>が<ruby>降<rt>ふ</rt></ruby>る"}


def test_over_the_limit_is_413_with_a_message(client, token):
    response = post(client, "check", {"text": "あ" * 100_001}, token)
    assert response.status_code == 413
    assert response.json()["error"]["message"] == (
        "文章は100,001文字あります。上限は100,000文字です。"
    )
    english = client.post(
        "/api/v1/easyja/check",
        {"text": "あ" * 100_001},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.json()["error"]["message"] == (
        "The text has 100,001 characters; the limit is 100,000."
    )
    assert post(client, "ruby", {"text": "あ" * 100_001}, token).status_code == 413


def test_a_body_past_the_upload_limit_is_413(client, token):
    response = post(client, "check", {"text": "\\u3042" * 500_000}, token)
    assert response.status_code == 413


def test_empty_text_and_bad_options_are_422_naming_the_field(client, token):
    empty = post(client, "check", {"text": "  "}, token)
    assert empty.status_code == 422
    assert "text" in empty.json()["error"]["message"]
    bad = post(client, "check", {"text": "雨", "kanji_set": "grade-9"}, token)
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"][0]["field"] == "kanji_set"


def test_needs_a_login_or_token(client):
    response = post(client, "check", {"text": "雨です。"})
    assert response.status_code == 401


@pytest.mark.parametrize("endpoint", ["/api/v1/easyja/check", "/api/v1/easyja/ruby"])
def test_a_nul_character_is_refused_not_crashed(client, member, endpoint):
    """Found by the fuzzer: the tokenizer failed on U+0000 with a 500."""
    client.force_login(member)
    response = client.post(endpoint, {"text": "避難\x00所"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "text"
