"""Each rule: text it must flag (with the span and suggestion a writer would see), and text it
must leave alone."""

import pytest

from glocal.easyja import Options, analyze


def found(text: str, rule: str, **options):
    return [f for f in analyze(text, Options(**options)).findings if f.rule == rule]


def spans(text: str, rule: str, **options) -> list[tuple[str, str | None]]:
    return [(f.text, f.suggestion) for f in found(text, rule, **options)]


PLAIN_EASY_TEXT = (
    "あした 雨が ふります。\n"
    "かさを もって 行きましょう。\n"
    "ゴミは 月曜日の 朝 出して ください。\n"
    "わからない ことは 市役所に 電話して ください。"
)


def test_a_plain_easy_text_gets_no_warnings():
    result = analyze(PLAIN_EASY_TEXT)
    assert [f for f in result.findings if f.severity != "info"] == []


# --- long sentences and several ideas ------------------------------------------------------


def test_long_sentence_by_characters():
    text = (
        "本日午後三時ごろに県の沿岸部で大きな地震が発生したため沿岸部の住民は高いところへ移動した。"
    )
    [finding] = found(text, "long_sentence")
    assert (finding.start, finding.end) == (0, len(text))
    assert "文字あります" in finding.message_ja
    assert "characters" in finding.message_en
    assert found(text, "long_sentence", max_sentence_chars=80) == []


def test_long_sentence_by_clauses_with_a_configurable_limit():
    text = "雨が降ったら、川に行かないで、家にいて、ラジオを聞いてください。"
    assert found(text, "long_sentence", max_clauses=3)
    assert found(text, "long_sentence", max_clauses=4, max_sentence_chars=100) == []


def test_several_ideas_names_where_to_split():
    [finding] = found("地震が発生しましたので、高いところに逃げてください。", "several_ideas")
    assert "「ので」" in finding.message_ja
    assert found("高いところに逃げてください。", "several_ideas") == []
    # 〜なければなりません is one predicate, not two clauses
    assert found("書類を出さなければなりません。", "several_ideas") == []


# --- honorific and humble forms -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("ご注意ください。", "ご注意ください", "注意してください"),
        ("少々お待ちください。", "お待ちください", "待ってください"),
        ("窓口にお問い合わせください。", "お問い合わせください", "問い合わせてください"),
        ("ご連絡していただく。", "ご連絡していただく", "連絡してください"),
        ("受付をいたします。", "いたし", "する"),
        ("市役所におります。", "おり", "いる"),
        ("よろしくお願い申し上げます。", "申し上げ", "言う／します"),
        ("ご協力いただきます。", "ご協力いただき", "協力してください"),
        ("資料をいただきました。", "いただき", "もらう／〜てください"),
        ("質問がございます。", "ござい", "ある／です"),
    ],
)
def test_honorific_forms(text, span, suggestion):
    assert (span, suggestion) in spans(text, "honorific")


@pytest.mark.parametrize(
    "text", ["注意してください。", "待ってください。", "お願いします。", "市役所にいます。"]
)
def test_plain_polite_forms_are_not_honorific(text):
    assert found(text, "honorific") == []


# --- double negatives ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("行かなくはない。", "なくはない"),
        ("できないわけではありません。", "ないわけではありません"),
        ("知らないことはない。", "ないことはない"),
        ("安全ではないとは限らない。", "ないとは限らない"),
        ("中止せざるを得ません。", "ざるを得ません"),
    ],
)
def test_double_negatives(text, span):
    [finding] = [f for f in found(text, "double_negative") if f.severity == "warning"]
    assert finding.text == span


def test_obligation_with_two_negatives_is_a_note_with_a_suggestion():
    [finding] = found("出さなければなりません。", "double_negative")
    assert finding.severity == "info"
    assert finding.suggestion == "〜てください"


@pytest.mark.parametrize("text", ["行きません。", "わかりません。", "ないです。"])
def test_single_negatives_are_fine(text):
    assert found(text, "double_negative") == []


# --- passive and causative ----------------------------------------------------------------


def test_passive_marks_the_noun_and_its_suru():
    assert spans("避難所が開設されました。", "passive") == [("開設され", None)]
    assert spans("雨が降ると思われます。", "passive") == [("思われ", None)]


def test_causative():
    assert spans("子どもを避難させる。", "causative") == [("避難させる", None)]
    assert spans("待たせました。", "causative") == [("待たせ", None)]


def test_lexical_causatives_are_fine():
    assert found("お知らせします。", "causative") == []


def test_active_voice_is_fine():
    assert found("市が避難所を開きました。", "passive") == []
    assert found("子どもが生まれました。", "passive") == []
    assert found("子どもと逃げます。", "causative") == []


# --- difficult words, kanji, loanwords ----------------------------------------------------


def test_listed_difficult_words_with_their_easy_form():
    result = spans("直ちに高台へ避難してください。", "difficult_word")
    assert ("直ちに", "すぐに") in result
    assert ("高台", "高いところ") in result
    assert ("避難して", "にげる") in result


def test_listed_words_match_whole_compounds_and_conjugated_verbs():
    assert spans("避難所へ行きます。", "difficult_word") == []  # an official term: kept
    assert spans("外出を控えてください。", "difficult_word") == [
        ("外出", "出かける"),
        ("控え", "やめる／少なくする"),
    ]


def test_a_word_explained_in_brackets_is_fine():
    assert found("避難所（にげる ところ）に 行きます。", "explain_term") == []
    assert found("ワクチン（病気を ふせぐ 注射）を 打ちます。", "katakana_loanword") == []
    assert found("沿岸部（うみの ちかく）に 行きます。", "difficult_word") == []


def test_other_kango_with_hard_kanji_is_a_note():
    [finding] = found("沿岸部に行きます。", "difficult_word")
    assert finding.text == "沿岸部"
    assert finding.severity == "info"
    assert "えんがんぶ" in finding.message_ja


def test_basic_words_are_not_difficult():
    # 地震 and 予約 use kanji past JLPT N4 but every resident learns them early
    assert found("地震の予約", "difficult_word") == []


def test_kanji_outside_the_set_depends_on_the_set():
    assert spans("福島に降る。", "kanji_outside_set") == [("福島", "ふくしま"), ("降る", "ふる")]
    assert found("福島に降る。", "kanji_outside_set", kanji_set="joyo") == []


def test_kanji_set_grade_1():
    assert spans("山に行く。", "kanji_outside_set", kanji_set="grade-1") == [("行く", "いく")]
    assert found("山に入る。", "kanji_outside_set", kanji_set="grade-1") == []


def test_unknown_kanji_set_is_refused():
    with pytest.raises(ValueError, match="jlpt-n4"):
        Options(kanji_set="grade-9")


def test_hard_loanwords_get_a_replacement_and_unlisted_ones_a_note():
    assert spans("ハザードマップを見てください。", "katakana_loanword") == [
        ("ハザードマップ", "ハザードマップ（災害であぶない場所の地図）")
    ]
    [note] = found("フードドライブに参加します。", "katakana_loanword")
    assert note.severity == "info"


def test_known_loanwords_names_and_native_katakana_are_fine():
    assert found("テレビとラジオを聞きます。", "katakana_loanword") == []
    assert found("アメリカから来ました。", "katakana_loanword") == []
    assert found("ゴミを出します。", "katakana_loanword") == []


# --- time and dates -----------------------------------------------------------------------


def test_vague_time_expressions():
    result = spans("早めに来てください。しばらくお待ちください。", "vague_time")
    assert ("早めに", "◯時までに") in result
    assert "しばらく" in [text for text, _ in result]
    assert found("午前9時に来てください。", "vague_time") == []


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("15:30に集合。", "15:30", "午後3時30分"),
        ("１５：３０に集合。", "１５：３０", "午後3時30分"),
        ("9:05に集合。", "9:05", "午前9時5分"),
        ("18時に集合。", "18時", "午後6時"),
        ("2026/11/21に集合。", "2026/11/21", "2026年11月21日（土曜日）"),
        ("11/22に集合。", "11/22", "11月22日（◯曜日）"),
        ("令和8年に始まります。", "令和8年", "2026年（令和8年）"),
        ("R8.11.21に集合。", "R8.11.21", "2026年11月21日（土曜日）"),
        ("令和元年", "令和元年", "2019年（令和元年）"),
        ("11月21日（土）に集合。", "（土）", "（土曜日）"),
    ],
)
def test_dates_and_times_not_in_the_recommended_form(text, span, suggestion):
    assert (span, suggestion) in spans(text, "date_format")


@pytest.mark.parametrize(
    "text",
    [
        "午後3時30分に集合。",
        "2026年11月21日（土曜日）に集合。",
        "2026年（令和8年）に始まります。",
        "2時間かかります。",
    ],
)
def test_recommended_dates_and_times_are_fine(text):
    assert found(text, "date_format") == []


def test_weekday_reminder_for_a_bare_date():
    [finding] = found("2026年11月21日に集合。", "date_format")
    assert finding.severity == "info"
    assert finding.suggestion == "11月21日（土曜日）"


def test_skipping_rules():
    text = "ご注意ください。"
    assert found(text, "honorific", skip=frozenset({"honorific"})) == []
