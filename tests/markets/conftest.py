import pytest
from django.core.management import call_command
from django.utils import translation

from glocal.core import tables


@pytest.fixture
def run_import(home_org):
    """`glocal markets import` on a CSV text; returns (exit message or None, stdout)."""

    def run(text: str, tmp_path, *extra, organisation=None):
        path = tmp_path / "figures.csv"
        path.write_text(text, encoding="utf-8")
        from io import StringIO

        out, err = StringIO(), StringIO()
        organisation = organisation or home_org
        try:
            with translation.override("en"):
                call_command("markets", "import", str(path), "--organisation", organisation.slug,
                             "--no-progress", *extra, stdout=out, stderr=err)  # fmt: skip
        except Exception as exc:  # CommandError
            return f"{exc}\n{err.getvalue()}", out.getvalue()
        return None, out.getvalue()

    return run


@pytest.fixture
def rows_of():
    def read(text: str):
        return tables.read_table(text.encode())

    return read
