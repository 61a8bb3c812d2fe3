"""analyze(): tokens, sentences and offsets into the original text; no Django needed."""

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from glocal.easyja import RULE_IDS, analyze
from glocal.easyja.tokens import tokenize


def test_tokens_carry_reading_base_form_part_of_speech_and_origin():
    tokens = tokenize("避難所で水を配っています。")
    by_surface = {t.surface: t for t in tokens}
    assert by_surface["避難"].reading == "ひなん"
    assert by_surface["避難"].origin == "漢"
    assert by_surface["避難"].pos == "名詞-普通名詞"
    assert by_surface["配っ"].base == "配る"
    assert by_surface["配っ"].reading == "くばっ"
    assert by_surface["配っ"].origin == "和"
    assert by_surface["。"].pos == "補助記号-句点"


def test_offsets_survive_spaces_line_breaks_and_control_characters():
    text = "雨が\tふります。\r\n\n  かさを　もって\x00いきましょう"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.surface


def test_sentences_end_at_punctuation_and_line_breaks():
    text = "お知らせ\n「雨です。」と言いました。明日は晴れ！ 本当？"
    sentences = [s.text for s in analyze(text).sentences]
    assert sentences == ["お知らせ", "「雨です。」", "と言いました。", "明日は晴れ！", "本当？"]


japanese = st.text(
    alphabet=st.sampled_from(
        list("あいうえおかきくけこ漢字避難所アイウ。、！？ 　\n\t\r0１a「」ー")
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(japanese)
def test_every_offset_points_into_the_original_text(text):
    if not text.strip():
        return
    result = analyze(text)
    for token in result.tokens:
        assert text[token.start : token.end] == token.surface
    for sentence in result.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.rule in RULE_IDS


def test_json_shape():
    data = analyze("ご注意ください。").as_dict("en")
    assert set(data) >= {"score", "level", "sentences", "findings"}
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "severity", "start", "end", "text", "message", "suggestion"}
    assert finding["message"] == finding["messages"]["en"]


def test_library_does_not_import_django():
    code = (
        "import sys; from glocal.easyja import analyze, ruby_html; "
        "analyze('ご注意ください。'); ruby_html('漢字'); "
        "sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
