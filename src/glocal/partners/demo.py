"""Demo affiliations: clearly fictional partners, imported the way an office would import them,
each prefecture's rows by that prefecture's organisation (an organisation records the
affiliations of the places it acts for)."""

from pathlib import Path

from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation, Role
from glocal.partners import importer, services

ORDER = 30
FILE = Path(__file__).resolve().parent / "data" / "demo_affiliations.csv"
OWNERS = {"070009": "fukushima-pref", "060003": "yamagata-pref"}  # prefecture → organisation


def load(write) -> None:
    checked = importer.check(importer.read_table(FILE.read_bytes(), FILE.name))
    if checked.problems:  # the shipped file is ours: a problem is a bug
        raise ValueError("; ".join(map(str, checked.problems)))
    by_owner: dict[str, list] = {}
    for row in checked.rows:
        prefecture = row.local_government.prefecture or row.local_government
        by_owner.setdefault(OWNERS[prefecture.code], []).append(row)
    for slug, rows in by_owner.items():
        owner = Organisation.objects.get(slug=slug)
        actor = Actor(via="cli", _roles={owner.pk: Role.ADMIN})
        report = services.import_rows(actor, owner.pk, rows)
        write(
            f"affiliations (fictional) of {slug}: {report.created} added, {report.updated} updated"
        )
