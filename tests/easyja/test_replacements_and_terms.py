"""Suggestions that can be pasted in, official terms, less noise, new rules and honest levels."""

from itertools import pairwise

import pytest

from glocal.easyja import analyze
from glocal.easyja.kanji import named_set


def found(text, rule):
    return [f for f in analyze(text).findings if f.rule == rule]


def pasted(text, rule):
    """The text with every finding of `rule` replaced by its replacement."""
    out = text
    for finding in sorted(found(text, rule), key=lambda f: f.start, reverse=True):
        assert finding.replacement is not None, finding
        out = out[: finding.start] + finding.replacement + out[finding.end :]
    return out


@pytest.mark.parametrize(
    ("text", "rule", "result"),
    [
        ("避難してください。", "difficult_word", "にげてください。"),
        ("危険な場所です。", "difficult_word", "あぶない場所です。"),
        ("危険です。", "difficult_word", "あぶないです。"),
        ("直ちに行きます。", "difficult_word", "すぐに行きます。"),
        ("避難しましょう。", "difficult_word", "にげましょう。"),
        ("避難しない人", "difficult_word", "にげない人"),
        ("お越しください。", "honorific", "来てください。"),
        ("市役所におります。", "honorific", "市役所にいます。"),
        ("皆様へ", "honorific", "みなさんへ"),
        ("ご確認の上、出してください。", "honorific", "確認してから、出してください。"),
        ("15:30に集合", "date_format", "午後3時30分に集合"),
        ("ｶﾀｶﾅです", "half_width_katakana", "カタカナです"),
    ],
)
def test_replacements_fit_the_sentence(text, rule, result):
    assert pasted(text, rule) == result


@pytest.mark.parametrize(
    "text",
    [
        "避難の準備をします。",
        "外出を控えてください。",
        "危険性があります。",
        "早めに来てください。",
    ],
)
def test_no_replacement_where_none_fits(text):
    findings = [f for f in analyze(text).findings if f.severity == "warning"]
    assert findings
    assert all(f.replacement is None for f in findings)
    assert all(f.suggestion for f in findings)  # the advice is still there


def test_replacement_is_in_the_json():
    [finding] = analyze("避難してください。").as_dict()["findings"]
    assert (finding["start"], finding["end"], finding["replacement"]) == (0, 4, "にげて")


@pytest.mark.parametrize(
    "term",
    ["警戒レベル", "土砂災害警戒区域", "避難指示", "緊急安全確保", "高齢者等避難", "大雨特別警報"],
)
def test_official_terms_are_kept_and_explained_once(term):
    text = f"{term}が出ました。{term}に気をつけてください。"
    findings = analyze(text).findings
    assert [f.rule for f in findings if f.severity == "warning"] == []
    [note] = [f for f in findings if f.rule == "explain_term"]
    assert (note.severity, note.start, note.text) == ("info", 0, term)


@pytest.mark.parametrize("opening", ["（", "(", "【＝"])
def test_an_explained_term_or_word_is_not_flagged_again(opening):
    text = f"避難所{opening}にげる ところ）に 行きます。避難所は 学校です。"
    assert found(text, "explain_term") == []
    text = "避難（にげること）が大切です。避難してください。"
    assert found(text, "difficult_word") == []
    # not explained: flagged each time
    assert len(found("避難が大切です。避難してください。", "difficult_word")) == 2


def test_fun_is_in_the_basic_kanji_now():
    assert "分" in named_set("jlpt-n5")
    assert found("午後4時15分に集まります。", "kanji_outside_set") == []
    assert "謝" not in named_set("jlpt-n4")  # the supplement does not open the gates


@pytest.mark.parametrize(
    "text", ["危険性があります。", "避難情報が出ました。", "後日在留外国人に", "年次交通安全"]
)
def test_one_finding_per_words(text):
    words = {"difficult_word", "kanji_outside_set", "furigana", "vague_time", "explain_term"}
    spans = sorted((f.start, f.end) for f in analyze(text).findings if f.rule in words)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    for f in analyze(text).findings:
        assert f.text not in ("後日在留", "次交通", "年次交通安全")


def test_everyday_words_get_one_furigana_note():
    text = "必要な場合は、安全な場所の住所を見てください。地震です。"
    [note] = found(text, "furigana")
    assert note.severity == "info"
    assert "必要" in note.message_ja
    assert "地震" in note.message_ja
    assert found(text, "kanji_outside_set") == []
    assert found("あした 雨です。", "furigana") == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("○生活支援の充実", "no_predicate"),
        ("本日は説明会を実施。", "no_predicate"),
        ("氾濫のおそれがあります。", "difficult_word"),
        ("時間を要する。", "difficult_word"),
        ("結果を踏まえ、決めます。", "difficult_word"),
        ("自ら行きます。", "difficult_word"),
        ("住民の方は来てください。", "honorific"),
        ("ご高齢の方は来てください。", "honorific"),
        ("ＩｏＴを使います。", "abbreviation"),
        ("SNSで見ます。", "abbreviation"),
        ("全員がもらえるわけではありません。", "partial_negation"),
        ("早めの避難", "vague_time"),
        ("本日、行きます。", "vague_time"),
        ("ｶﾀｶﾅ", "half_width_katakana"),
        ("避難しなくても安全なわけではありません。", "double_negative"),
        ("警報が出ていなくても、安全とは限りません。", "double_negative"),
        ("連絡しないと、もらえないです。", "double_negative"),
        ("行かないと間に合いません。", "double_negative"),
    ],
)
def test_what_it_missed_before_is_found(text, rule):
    assert [f for f in found(text, rule) if f.severity == "warning"]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("お知らせ", "no_predicate"),
        ("あした 雨が ふります。", "no_predicate"),
        ("この方法で行きます。", "honorific"),
        ("その方がいいです。", "honorific"),
        ("ATMとJRとQRコード", "abbreviation"),
        ("SNS（インターネットの サービス）を 使います。", "abbreviation"),
        ("わからないときは電話してください。", "double_negative"),
        ("行かなくても大丈夫です。", "double_negative"),
        ("できないわけではありません。", "partial_negation"),  # a double negative instead
        ("最後日", "vague_time"),
        ("カタカナ", "half_width_katakana"),
    ],
)
def test_and_what_it_leaves_alone(text, rule):
    assert found(text, rule) == []


def test_clause_breaks_without_a_comma():
    for text, joint in [
        ("雨が降るので川に行かない。", "「ので」"),
        ("大雨のため休みます。", "「ため」"),
        ("地震の場合は外に出ない。", "「場合は」"),
        ("雨が降ると川があふれます。", "「と」"),
    ]:
        [finding] = found(text, "several_ideas")
        assert joint in finding.message_ja
    assert found("安全のための準備です。", "several_ideas") == []
    assert found("雨だと思います。", "several_ideas") == []


def test_a_byte_order_mark_does_not_shift_offsets():
    text = "\ufeffご注意ください。\n15:30に集合。"
    result = analyze(text)
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.text
    assert result.sentences[0].text == "ご注意ください。"
    clock = next(f for f in result.findings if f.rule == "date_format")
    assert (clock.start, clock.text) == (10, "15:30")


def test_short_texts_get_the_score_but_no_band():
    short = analyze("避難してください。")
    assert short.reliable is False
    assert short.band is None
    assert short.level_label("en") == "too short for a reliable level"
    data = short.as_dict("ja")
    assert data["level"] is None
    assert data["level_reliable"] is False
    assert isinstance(data["score"], float)
    headings = analyze("第1章 計画の概要\n第2章 施策の展開\n" * 10)
    assert headings.reliable is False  # one "sentence" of many words, no 。
    passage = analyze(
        "あした 雨が ふります。かさを もって 行きましょう。川に 近づかないで ください。" * 3
    )
    assert passage.reliable is True
    assert passage.as_dict()["level"] == passage.level.id
