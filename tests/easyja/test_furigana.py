"""Furigana as ruby HTML, with okurigana outside the ruby."""

import pytest

from glocal.easyja import ruby_html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("漢字", "<ruby>漢字<rt>かんじ</rt></ruby>"),
        (
            "雨が降っています。",
            "<ruby>雨<rt>あめ</rt></ruby>が<ruby>降<rt>ふ</rt></ruby>っています。",
        ),
        (
            "取り消し",
            "<ruby>取<rt>と</rt></ruby>り<ruby>消<rt>け</rt></ruby>し",
        ),
        ("ひらがなだけ", "ひらがなだけ"),
        # dates: 1日 after 月 is ついたち, 20日 はつか, 21日 にち
        (
            "11月1日",
            "11<ruby>月<rt>がつ</rt></ruby><ruby>1日<rt>ついたち</rt></ruby>",
        ),
        ("20日と21日", "<ruby>20日<rt>はつか</rt></ruby>と21<ruby>日<rt>にち</rt></ruby>"),
    ],
)
def test_ruby_on_every_kanji_word(text, html):
    assert ruby_html(text) == html


def test_listed_words_use_the_list_reading():
    # UniDic reads the suffix 所 as しょ; the word is ひなんじょ
    assert ruby_html("避難所") == "<ruby>避難所<rt>ひなんじょ</rt></ruby>"
    assert ruby_html("直ちに") == "<ruby>直<rt>ただ</rt></ruby>ちに"


def test_only_words_above_a_grade():
    # 避難 has 避 (past elementary school); 所 and 行 are grade 3 and 2
    html = ruby_html("避難して行く", above_grade=6)
    assert html == "<ruby>避難<rt>ひなん</rt></ruby>して行く"
    assert ruby_html("山へ行く", above_grade=1) == "山へ<ruby>行<rt>い</rt></ruby>く"


def test_html_is_escaped_and_line_breaks_kept():
    html = ruby_html("<b>雨</b>\n& 風")
    assert (
        html
        == "&lt;b&gt;<ruby>雨<rt>あめ</rt></ruby>&lt;/b&gt;\n&amp; <ruby>風<rt>かぜ</rt></ruby>"
    )
