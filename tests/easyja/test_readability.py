"""The score agrees with the jreadability package, and the level bands are Lee & Hasebe's."""

import pytest
from _corpus import documents
from jreadability import compute_readability

from glocal.easyja import EmptyTextError, analyze
from glocal.easyja.readability import level

TEXTS = [
    "きょうは 雨が ふります。かさを もって いきましょう。",
    "本日午後3時ごろ、福島県沖を震源とする地震が発生しました。沿岸部にお住まいの方は、"
    "直ちに高台へ避難してください。",
    # headings on their own lines, no final 。, full-width digits and spaces
    "お知らせ\n\n令和８年１１月２１日　市役所国際課\nごみの出し方が変わります",
    "地震です！　すぐに 外へ 出ないで ください？ あわてないで。",
    "ワクチン接種の予約は、インターネットまたは電話（０２４－５２１－１１１１）で受け付けます。",
    "a b c 123 ＡＢＣ",
    "。",
]


@pytest.mark.parametrize("text", TEXTS)
def test_score_agrees_with_jreadability(text):
    assert analyze(text).score == pytest.approx(compute_readability(text), abs=0.01)


def test_score_agrees_on_every_document_of_the_benchmark_corpus():
    for document in documents(60_000):
        assert analyze(document).score == pytest.approx(compute_readability(document), abs=0.01)


@pytest.mark.parametrize(
    ("score", "band", "japanese"),
    [
        (0.2, "upper_advanced", "上級後半"),
        (1.44, "upper_advanced", "上級後半"),
        (1.45, "lower_advanced", "上級前半"),
        (2.5, "upper_intermediate", "中級後半"),
        (3.5, "lower_intermediate", "中級前半"),
        (5.44, "upper_elementary", "初級後半"),
        (5.5, "lower_elementary", "初級前半"),
        (9.0, "lower_elementary", "初級前半"),
    ],
)
def test_level_bands(score, band, japanese):
    assert level(score).id == band
    assert level(score).ja == japanese


def test_easy_text_scores_easier_than_official_text():
    easy = analyze(TEXTS[0])
    official = analyze(TEXTS[1])
    assert easy.score > official.score


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "　\n"])
def test_empty_text_is_a_clear_error(text):
    with pytest.raises(EmptyTextError, match="empty"):
        analyze(text)
