import pytest

from glocal.network import importer, services
from glocal.orgs.actors import Actor
from glocal.orgs.models import Role


def csv_bytes(text: str, encoding: str = "utf-8-sig") -> bytes:
    return text.strip().replace("\n", "\r\n").encode(encoding) + b"\r\n"


@pytest.fixture
def admin_of():
    def make(org) -> Actor:
        return Actor(via="test", _roles={org.pk: Role.ADMIN})

    return make


@pytest.fixture
def import_text(admin_of):
    """Check and import a CSV text for an organisation; returns (checked, report or None)."""

    def run(org, text: str, encoding: str = "utf-8-sig", name: str = "list.csv"):
        table = importer.read_table(csv_bytes(text, encoding), name)
        checked = importer.check(table, owner_id=org.pk)
        if checked.problems:
            return checked, None
        return checked, services.import_rows(admin_of(org), org.pk, checked, name)

    return run
