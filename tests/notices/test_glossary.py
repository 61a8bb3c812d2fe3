"""The glossary of official terms: one word per term per language, enforced by the loader."""

import csv
import shutil
from datetime import date, timedelta

import pytest

from glocal import languages
from glocal.core.portal import DATA as PORTAL_WORDS
from glocal.notices import glossary, library

NEW_PHRASES = {
    "earthquake.early_warning": "緊急地震速報",
    "heavy_rain.emergency_warning": "特別警報",
    "typhoon.storm_emergency_warning": "特別警報",
    "typhoon.high_waves_emergency_warning": "特別警報",
    "heavy_rain.linear_rainband": "線状降水帯",
    "heavy_rain.record_short_time": "記録的短時間大雨情報",
    "evacuation.civil_protection": "国民保護情報",
}


@pytest.fixture
def data(tmp_path):
    """A copy of the shipped phrases and glossary to break on purpose."""
    shutil.copytree(library.DATA, tmp_path / "phrases")
    shutil.copytree(glossary.DATA, tmp_path / "glossary")
    return tmp_path


def _texts() -> dict[str, dict[str, str]]:
    return {entry.key: {tag: t[0] for tag, t in entry.texts.items()} for entry in library.read()}


def _edit(path, key: str, old: str, new: str) -> int:
    """Replace `old` in the text of `key` in a language file; the 1-based line edited."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(key + "\t"))
    assert old in lines[number]
    lines[number] = lines[number].replace(old, new)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def _refusal(data) -> str:
    with pytest.raises(library.LibraryError) as error:
        library.read(data / "phrases", data / "glossary")
    return str(error.value)


def test_every_language_has_one_word_for_every_term_and_says_it_is_unreviewed():
    terms, problems = glossary.read()
    assert problems == []
    assert {
        "特別警報",
        "警報",
        "注意報",
        "大津波警報",
        "緊急安全確保",
        "震度5弱",
        "在留カード",
    } <= set(terms.terms)
    for tag in languages.TAGS:
        assert set(terms.words[tag]) == set(terms.terms), tag
        header = (glossary.DATA / f"{tag}.tsv").read_text(encoding="utf-8")
        assert "# source:" in header, tag
        assert "unreviewed" in header, tag


def test_every_translation_of_every_phrase_uses_the_glossary_words():
    terms, _ = glossary.read()
    checked = 0
    for key, texts in _texts().items():
        for tag in languages.TAGS:
            assert terms.problems(tag, texts["ja"], texts[tag]) == [], (key, tag)
            checked += len(terms.terms_in(texts["ja"])) if tag != "ja" else 0
    assert checked > 500  # the disaster phrases really use official terms


def test_a_term_inside_a_longer_term_is_not_required_separately():
    terms, _ = glossary.read()
    assert terms.terms_in("大津波警報が発表されました") == ["大津波警報"]
    assert terms.terms_in("津波警報・注意報は解除されました") == ["津波警報", "注意報"]
    assert terms.terms_in("大雨特別警報（警戒レベル5相当）") == ["警戒レベル5", "特別警報"]
    assert terms.terms_in("震度6強の地震") == ["震度6強"]


def test_the_also_column_keeps_a_shorter_term_required(data):
    ja = data / "glossary" / "ja.tsv"
    ja.write_text(
        ja.read_text(encoding="utf-8").replace(
            "大津波警報\t大津波警報\t", "大津波警報\t大津波警報\t津波警報"
        ),
        encoding="utf-8",
    )
    terms, problems = glossary.read(data / "glossary")
    assert problems == []
    assert terms.terms_in("大津波警報が発表されました") == ["大津波警報", "津波警報"]
    # Mongolian "их цунамигийн түгшүүр (大津波警報)" lacks "(津波警報)": now refused
    message = _refusal(data)
    assert "mn.tsv:" in message
    assert "tsunami.major_warning uses 津波警報" in message


def test_mongolian_using_the_advisory_word_for_a_tsunami_warning_is_refused(data):
    number = _edit(data / "phrases" / "mn.tsv", "tsunami.warning", "түгшүүр", "сэрэмжлүүлэг")
    message = _refusal(data)
    assert f"mn.tsv:{number}: tsunami.warning uses 津波警報 in Japanese" in message
    assert "'цунамигийн түгшүүр (津波警報)'" in message
    assert "glossary/mn.tsv:" in message


def test_a_dropped_term_in_easy_japanese_is_refused(data):
    number = _edit(data / "phrases" / "ja-x-easy.tsv", "shelter.opened", "在留資格（ビザ）", "ビザ")
    assert f"ja-x-easy.tsv:{number}: shelter.opened uses 在留資格" in _refusal(data)


def test_mongolian_keeps_one_word_per_tier_in_phrases_and_portal():
    texts = _texts()
    for key, by_tag in texts.items():
        ja, mn = by_tag["ja"], by_tag["mn"].casefold()
        assert "анхааруулга" not in mn, key  # the old, ambiguous word is gone
        if "警報" in ja and "注意報" not in ja and "特別警報" not in ja:
            assert "түгшүүр" in mn, key
            assert "сэрэмжлүүлэг" not in mn, key
    with PORTAL_WORDS.open(encoding="utf-8") as portal:
        rows = {
            row[0]: row
            for row in csv.reader(
                (line for line in portal if not line.startswith("#")), delimiter="\t"
            )
        }
    mn = rows["key"].index("mn")
    assert rows["severity_warning"][mn] == "Түгшүүр"
    assert rows["severity_advisory"][mn] == "Сэрэмжлүүлэг"


def test_level_5_tells_people_to_act_where_they_are_not_to_go_out():
    texts = _texts()
    forbidden = {
        "pt": ("indo para", "vá para", "ir para um lugar", "evacu"),
        "es": ("vaya a", "evacúe", "ir a un lugar"),
        "ne": ("गएर", "जानुहोस्", "सुरक्षित स्थानमा"),
    }
    where_you_are = {"pt": "onde você está", "es": "donde está", "ne": "अहिले भएकै"}
    for key in ("evacuation.level_5", "heavy_rain.emergency_warning"):
        for tag, words in forbidden.items():
            text = texts[key][tag]
            assert not [word for word in words if word in text], (key, tag, text)
            assert where_you_are[tag] in text, (key, tag)


def test_level_3_is_not_an_order_and_levels_are_not_read_as_jakarta_siaga():
    texts = _texts()
    assert "आदेश" not in texts["evacuation.level_3"]["ne"]
    assert "perintah" not in texts["evacuation.level_3"]["id"].casefold()
    for n in range(1, 6):
        text = texts[f"evacuation.level_{n}"]["id"]
        assert "Siaga" not in text
        assert text.startswith(f"[Level Peringatan {n} (警戒レベル{n})]")


def test_seismic_intensity_carries_the_japanese_term_so_it_is_not_read_as_magnitude():
    texts = _texts()
    assert "intensidade sísmica 5 inferior (震度5弱)" in texts["earthquake.intensity_5_lower"]["pt"]
    assert "intensidad sísmica 6 superior (震度6強)" in texts["earthquake.intensity_6_upper"]["es"]
    assert "진도 7(震度7)" in texts["earthquake.intensity_7"]["ko"]
    assert "不是震级" in texts["earthquake.intensity_5_upper"]["zh-Hans"]


def test_source_texts_match_what_the_translations_say():
    texts = _texts()
    windows = {"ja": "窓", "ja-x-easy": "まど", "en": "window", "zh-Hans": "窗", "zh-Hant": "窗",
               "ko": "창문", "vi": "cửa sổ", "tl": "bintana", "pt": "janela", "es": "ventana",
               "ne": "झ्याल", "id": "jendela", "th": "หน้าต่าง", "my": "ပြတင်းပေါက်",
               "km": "បង្អួច", "mn": "цонх"}  # fmt: skip
    for tag, word in windows.items():
        assert word in texts["typhoon.stay_indoors"][tag], tag
    assert not [key for key, by_tag in texts.items() if "個人番号カード" in by_tag["ja-x-easy"]]


def test_the_new_official_phrases_exist_in_every_language_unreviewed():
    entries = {entry.key: entry for entry in library.read()}
    for key, term in NEW_PHRASES.items():
        entry = entries[key]
        assert set(entry.texts) == set(languages.TAGS), key
        assert term in entry.texts["ja"][0], key
        assert {status for _text, status, _who in entry.texts.values()} == {"unreviewed"}
        assert entry.terms_source, key
        assert entry.terms_checked, key


def test_every_phrase_with_official_terms_says_where_they_come_from():
    terms, _ = glossary.read()
    for entry in library.read():
        if terms.terms_in(entry.texts["ja"][0]):
            assert entry.terms_checked, entry.key
            assert entry.terms_checked <= date.today(), entry.key
            assert set(entry.terms_source.split(",")) <= set(terms.sources), entry.key


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("nowhere", "2026-11-27"), "unknown terms_source nowhere"),
        (("jma", "27.11.2026"), "is not a date"),
        (("jma", (date.today() + timedelta(days=1)).isoformat()), "is in the future"),
        (("", ""), "uses official terms (津波警報) but has no terms_source"),
    ],
)
def test_bad_source_columns_are_refused_naming_the_catalogue_line(data, cells, expected):
    catalogue = data / "phrases" / "catalogue.tsv"
    lines = catalogue.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("tsunami.warning\t"))
    lines[number] = "\t".join(lines[number].split("\t")[:4] + list(cells))
    catalogue.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _refusal(data)
    assert f"catalogue.tsv:{number + 1}: " in message
    assert expected in message


def test_a_glossary_missing_a_term_is_refused(data):
    path = data / "glossary" / "vi.tsv"
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("震度7\t")
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "glossary/vi.tsv: no translation for 震度7" in _refusal(data)
