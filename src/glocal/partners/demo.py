"""Demo affiliations: clearly fictional partners, imported the way an office would import them."""

from pathlib import Path

from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation, Role
from glocal.partners import importer, services

ORDER = 30
FILE = Path(__file__).resolve().parent / "data" / "demo_affiliations.csv"


def load(write) -> None:
    checked = importer.check(importer.read_table(FILE.read_bytes(), FILE.name))
    if checked.problems:  # the shipped file is ours: a problem is a bug
        raise ValueError("; ".join(map(str, checked.problems)))
    owner = Organisation.objects.get(slug="fukushima-pref")
    actor = Actor(via="cli", _roles={owner.pk: Role.ADMIN})
    report = services.import_rows(actor, owner.pk, checked.rows)
    write(f"affiliations (fictional): {report.created} added, {report.updated} updated")
