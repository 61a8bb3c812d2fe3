"""The phrase library as shipped in data/phrases/: one catalogue and one file per language.

catalogue.tsv: key, category, slots ("date:date,place:place"), description, terms_source
(codes from glossary/sources.tsv, "jma,cao-2021"), terms_checked (the ISO date the official terms
were last compared with those sources).
<tag>.tsv: key, text, status (unreviewed, reviewed, machine), reviewer.

Everything is checked before anything is written: every key in every language, the same
{slots} as the catalogue, known categories, types and statuses, and the glossary's one word for
every official term the Japanese uses (see glossary.py). Errors name the file and line.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from glocal import languages
from glocal.notices import glossary as official_terms
from glocal.notices import slots as slot_types
from glocal.notices.models import Category, PhraseTemplate, PhraseTranslation, ReviewStatus

DATA = Path(__file__).resolve().parent / "data" / "phrases"


class LibraryError(ValueError):
    """Problems in the shipped files, one per line of the message."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Entry:
    key: str
    category: str
    slots: list[dict]
    description: str
    position: int
    terms_source: str = ""
    terms_checked: date | None = None
    texts: dict[str, tuple[str, str, str]] = field(
        default_factory=dict
    )  # tag → text, status, reviewer
    line: int = 0  # in catalogue.tsv
    lines: dict[str, int] = field(default_factory=dict)  # tag → line in <tag>.tsv


def _rows(path: Path, header: tuple[str, ...], problems: list[str]):
    if not path.exists():
        problems.append(f"{path.name}: missing")
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if tuple(cells) == header:
            continue
        if len(cells) != len(header):
            problems.append(f"{path.name}:{number}: {len(cells)} fields, expected {len(header)}")
            continue
        yield number, cells


def _slots(spec: str, where: str, problems: list[str]) -> list[dict]:
    found = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, kind = item.partition(":")
        if kind not in slot_types.TYPES:
            problems.append(f"{where}: slot {name!r} has unknown type {kind!r}")
        found.append({"name": name, "type": kind})
    return found


def _checked(value: str, where: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        checked = date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}: terms_checked {value!r} is not a date like 2026-11-27")
        return None
    if checked > date.today():
        problems.append(f"{where}: terms_checked {value} is in the future")
    return checked


def _sources(value: str, known: dict[str, str], where: str, problems: list[str]) -> str:
    codes = [code.strip() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in known]
    if unknown:
        listed = ", ".join(unknown)
        problems.append(f"{where}: unknown terms_source {listed} (see glossary/sources.tsv)")
    return ",".join(codes)


def _catalogue(directory: Path, sources: dict[str, str], problems: list[str]) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    header = ("key", "category", "slots", "description", "terms_source", "terms_checked")
    for number, (key, category, spec, description, source, checked) in _rows(
        directory / "catalogue.tsv", header, problems
    ):
        where = f"catalogue.tsv:{number}"
        if key in entries:
            problems.append(f"{where}: {key} appears twice")
        if category not in Category.values:
            problems.append(f"{where}: unknown category {category!r}")
        entries[key] = Entry(
            key,
            category,
            _slots(spec, where, problems),
            description,
            position=len(entries),
            terms_source=_sources(source, sources, where, problems),
            terms_checked=_checked(checked, where, problems),
            line=number,
        )
    return entries


def _check_terms(
    entries: dict[str, Entry], terms: official_terms.Glossary, problems: list[str]
) -> None:
    """Every translation uses the glossary's word for each official term of its Japanese, and
    a phrase with official terms says where they come from and when they were checked."""
    for entry in entries.values():
        japanese = entry.texts.get(languages.JAPANESE, ("",))[0]
        used = terms.terms_in(japanese)
        if used and not (entry.terms_source and entry.terms_checked):
            problems.append(
                f"catalogue.tsv:{entry.line}: {entry.key} uses official terms "
                f"({', '.join(used)}) but has no terms_source and terms_checked"
            )
        for tag, (text, _status, _reviewer) in entry.texts.items():
            for problem in terms.problems(tag, japanese, text):
                problems.append(f"{tag}.tsv:{entry.lines[tag]}: {entry.key} {problem}")


def read(directory: Path = DATA, glossary: Path = official_terms.DATA) -> list[Entry]:
    """Every phrase with its texts, or LibraryError listing every problem found."""
    terms, problems = official_terms.read(glossary)
    entries = _catalogue(directory, terms.sources, problems)
    for tag in languages.TAGS:
        for number, (key, text, status, reviewer) in _rows(
            directory / f"{tag}.tsv", ("key", "text", "status", "reviewer"), problems
        ):
            where = f"{tag}.tsv:{number}"
            entry = entries.get(key)
            if entry is None:
                problems.append(f"{where}: {key} is not in the catalogue")
                continue
            expected = {slot["name"] for slot in entry.slots}
            used = slot_types.slots_in(text)
            if used != expected:
                problems.append(
                    f"{where}: {key} has slots {sorted(used)}, the catalogue {sorted(expected)}"
                )
            if status not in ReviewStatus.values:
                problems.append(f"{where}: unknown review status {status!r}")
            if status == ReviewStatus.REVIEWED and not reviewer:
                problems.append(f"{where}: reviewed, but no reviewer is named")
            entry.texts[tag] = (text, status, reviewer)
            entry.lines[tag] = number
    for entry in entries.values():
        missing = [tag for tag in languages.TAGS if tag not in entry.texts]
        if missing:
            problems.append(f"{entry.key}: no text in {', '.join(missing)}")
    if not problems:  # a broken glossary or a missing text would only repeat itself here
        _check_terms(entries, terms, problems)
    if problems:
        raise LibraryError(problems)
    return list(entries.values())


@dataclass
class LoadReport:
    templates: int = 0
    created: int = 0
    changed: int = 0


@transaction.atomic
def load(entries: list[Entry]) -> LoadReport:
    """Create or update every template and translation; a second load changes nothing."""
    report = LoadReport()
    for entry in entries:
        template, _ = PhraseTemplate.objects.update_or_create(
            key=entry.key,
            defaults={
                "category": entry.category,
                "slots": entry.slots,
                "description": entry.description,
                "position": entry.position,
                "terms_source": entry.terms_source,
                "terms_checked": entry.terms_checked,
            },
        )
        report.templates += 1
        existing = {t.language: t for t in template.translations.all()}
        for tag, (text, status, reviewer) in entry.texts.items():
            current = existing.get(tag)
            if current is None:
                PhraseTranslation.objects.create(
                    template=template,
                    language=tag,
                    text=text,
                    review_status=status,
                    reviewer=reviewer,
                )
                report.created += 1
            elif (current.text, current.review_status, current.reviewer) != (
                text,
                status,
                reviewer,
            ):
                current.text, current.review_status, current.reviewer = text, status, reviewer
                current.save()
                report.changed += 1
    return report
