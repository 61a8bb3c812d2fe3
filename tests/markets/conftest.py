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
                call_command(
                    "markets",
                    "import",
                    str(path),
                    "--organisation",
                    organisation.slug,
                    "--no-progress",
                    *extra,
                    stdout=out,
                    stderr=err,
                )
        except Exception as exc:  # CommandError
            return f"{exc}\n{err.getvalue()}", out.getvalue()
        return None, out.getvalue()

    return run


@pytest.fixture
def rows_of():
    def read(text: str):
        return tables.read_table(text.encode())

    return read


@pytest.fixture
def load_figures(home_org):
    """Import tidy rows (without the header) for the home organisation, as public figures."""
    from glocal.markets import importer, services
    from glocal.orgs.actors import Actor
    from glocal.orgs.models import Role

    def load(rows, organisation=None, sample=False):
        organisation = organisation or home_org
        header = ["measure", "period", "country", "prefecture", "hs_code", "value", "status"]
        checked = importer.check([header, *rows], organisation.pk)
        assert not checked.problems, checked.problems
        actor = Actor(via="test", _roles={organisation.pk: Role.ADMIN})
        return services.import_rows(actor, organisation.pk, checked.rows, sample=sample)

    return load


def monthly(measure, country, prefecture, year, values, status="final"):
    """Tidy rows for twelve months of one year."""
    return [
        [measure, f"{year}-{month:02d}", country, prefecture, "", str(value), status]
        for month, value in enumerate(values, start=1)
    ]


@pytest.fixture
def yamagata_markets(load_figures):
    """The hand-computed example of test_scoring: Taiwan and the United States in Yamagata."""
    rows = []
    rows += monthly("overnight_stays", "TW", "060003", 2024, [80] * 12)
    rows += monthly("overnight_stays", "TW", "060003", 2025, [50] * 6 + [150] * 6)
    rows += monthly("overnight_stays", "US", "060003", 2024, [60] * 12)
    rows += monthly("overnight_stays", "US", "060003", 2025, [50] * 12)
    rows += monthly("overnight_stays", "TW", "", 2025, [1000] * 12)
    rows += monthly("overnight_stays", "US", "", 2025, [1000] * 12)
    rows += monthly("visitor_arrivals", "TW", "", 2025, [300] * 6 + [100] * 6)
    rows += monthly("visitor_arrivals", "US", "", 2025, [200] * 12)
    return load_figures(rows)
