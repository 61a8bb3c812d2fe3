"""glocal desk import FILE --organisation SLUG [--dry-run] | stats --fy YEAR | purge"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glocal import wareki
from glocal.core import uploads
from glocal.core.tables import UnreadableFile, read_table
from glocal.desk import exporter, importer, services
from glocal.orgs.actors import Actor, acting_as
from glocal.orgs.models import Organisation


def _organisation(slug: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise CommandError(f"No organisation has the slug {slug!r}.")
    return found


class Command(BaseCommand):
    help = "The consultation desk: import case logs, export statistics, purge old details."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="import|stats|purge")
        load = actions.add_parser("import", help="check every row, then import in one go")
        load.add_argument("file")
        load.add_argument("--organisation", required=True, help="slug of the desk's organisation")
        load.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        stats = actions.add_parser("stats", help="a fiscal year's statistics, months in columns")
        stats.add_argument("--fy", required=True, help="2025, FY2025 or 令和7年度")
        stats.add_argument("--organisation", required=True)
        stats.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
        stats.add_argument("-o", "--output", help="a file (default: standard output)")
        actions.add_parser("purge", help="erase personal details past the retention period")

    def handle(self, *args, action, **options):
        # The command line acts for every desk (see glocal.desk.access), also under call_command.
        with acting_as(Actor(via="cli")):
            getattr(self, f"_{action}")(**options)

    def _import(self, file, organisation, dry_run, **options):
        owner = _organisation(organisation)
        path = Path(file)
        try:
            table = read_table(path.read_bytes(), path.name, limits=uploads.COMMAND_LINE)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        except UnreadableFile as exc:
            raise CommandError(f"{path}: {exc}") from exc
        checked = importer.check(table, owner)
        if checked.problems:
            for problem in checked.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(checked.problems)} problems; nothing was imported.")
        if dry_run:
            self.stdout.write(f"{len(checked.rows)} rows are ready to import (dry run).")
            return
        report = importer.write(Actor(via="cli"), checked.rows, owner)
        self.stdout.write(
            f"{report.created} cases added, {report.already_imported} already imported."
        )

    def _stats(self, fy, organisation, format, output, **options):
        owner = _organisation(organisation)
        try:
            year = wareki.parse_fiscal_year(fy)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        write = exporter.to_xlsx if format == "xlsx" else exporter.to_csv
        data = write(owner.pk, year)
        if output:
            Path(output).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)

    def _purge(self, **options):
        count = services.purge()
        self.stdout.write(f"{count} cases anonymised.")
