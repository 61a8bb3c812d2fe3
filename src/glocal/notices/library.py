"""The phrase library as shipped in data/phrases/: one catalogue and one file per language.

catalogue.tsv: key, category, slots ("date:date,place:place"), description.
<tag>.tsv: key, text, status (unreviewed, reviewed, machine), reviewer.

Everything is checked before anything is written: every key in every language, the same
{slots} as the catalogue, known categories, types and statuses. Errors name the file and line.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from glocal import languages
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
    texts: dict[str, tuple[str, str, str]] = field(
        default_factory=dict
    )  # tag → text, status, reviewer


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


def read(directory: Path = DATA) -> list[Entry]:
    problems: list[str] = []
    entries: dict[str, Entry] = {}
    header = ("key", "category", "slots", "description")
    for number, (key, category, spec, description) in _rows(
        directory / "catalogue.tsv", header, problems
    ):
        where = f"catalogue.tsv:{number}"
        if key in entries:
            problems.append(f"{where}: {key} appears twice")
        if category not in Category.values:
            problems.append(f"{where}: unknown category {category!r}")
        slots = _slots(spec, where, problems)
        entries[key] = Entry(key, category, slots, description, position=len(entries))
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
    for entry in entries.values():
        missing = [tag for tag in languages.TAGS if tag not in entry.texts]
        if missing:
            problems.append(f"{entry.key}: no text in {', '.join(missing)}")
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
