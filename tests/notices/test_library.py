"""The shipped phrase library: coverage, slots the same in every language, honest statuses."""

import io
import shutil

import pytest
from django.core.management import call_command

from glocal import languages
from glocal.notices import library, slots
from glocal.notices.models import PhraseTemplate


def test_shipped_library_reads_without_errors_and_covers_the_topics():
    entries = library.read()
    assert len(entries) >= 60
    categories = {entry.category for entry in entries}
    assert categories >= {
        "earthquake", "tsunami", "heavy_rain", "typhoon", "evacuation", "shelter", "supplies",
        "outage", "disease", "heat", "vaccination", "garbage", "registration", "consultation",
    }  # fmt: skip
    keys = {entry.key for entry in entries}
    assert {f"evacuation.level_{n}" for n in range(1, 6)} <= keys


def test_every_translation_has_exactly_the_catalogue_slots():
    for entry in library.read():
        expected = {slot["name"] for slot in entry.slots}
        assert set(entry.texts) == set(languages.TAGS), entry.key
        for tag, (text, _status, _reviewer) in entry.texts.items():
            assert slots.slots_in(text) == expected, (entry.key, tag)


def test_statuses_are_honest():
    for entry in library.read():
        for tag, (_text, status, reviewer) in entry.texts.items():
            assert status in ("unreviewed", "reviewed", "machine"), (entry.key, tag)
            assert status != "reviewed" or reviewer, (entry.key, tag)


def test_a_slot_mismatch_is_refused_naming_file_and_line(tmp_path):
    copy = tmp_path / "phrases"
    shutil.copytree(library.DATA, copy)
    vi = copy / "vi.tsv"
    lines = vi.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if "{date}" in line)
    lines[number] = lines[number].replace("{date}", "{day}", 1)
    vi.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(library.LibraryError) as error:
        library.read(copy)
    assert f"vi.tsv:{number + 1}:" in str(error.value)
    assert "day" in str(error.value)


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    report = library.load(library.read())
    assert (report.created, report.changed) == (0, 0)
    assert PhraseTemplate.objects.count() == report.templates


@pytest.mark.django_db
def test_loading_stores_where_the_official_terms_come_from_and_when_they_were_checked():
    library.load(library.read())
    template = PhraseTemplate.objects.get(key="evacuation.level_5")
    assert template.terms_source == "cao-2021"
    assert template.terms_checked is not None
    assert template.translations.count() == len(languages.TAGS)
    assert PhraseTemplate.objects.get(key="garbage.separation").terms_source == ""


@pytest.mark.django_db
def test_the_check_command_reads_everything_and_writes_nothing():
    PhraseTemplate.objects.all().delete()
    out = io.StringIO()
    call_command("load_phrases", check=True, stdout=out)
    assert f"{len(library.read())} phrase templates, all languages, no errors." in out.getvalue()
    assert PhraseTemplate.objects.count() == 0


@pytest.mark.django_db
def test_the_staff_library_shows_the_source_and_check_date_of_official_terms(client, member):
    client.force_login(member)
    page = client.get("/staff/notices/phrases/").content.decode()
    checked = PhraseTemplate.objects.get(key="evacuation.level_5").terms_checked.isoformat()
    assert f"公式用語の出典：cao-2021（{checked} 確認）" in page
    assert "公式用語の出典：jma" in page
