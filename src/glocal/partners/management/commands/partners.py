"""glocal partners import FILE [--dry-run] | export --format csv|xlsx [-o FILE]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glocal.orgs.models import Organisation
from glocal.partners import exporter, importer


class Command(BaseCommand):
    help = "Import or export sister-city affiliations as offices keep them (CSV or XLSX)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="import|export")
        load = actions.add_parser("import", help="check every row, then import in one go")
        load.add_argument("file")
        load.add_argument("--organisation", required=True, help="slug of the owning organisation")
        load.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        dump = actions.add_parser("export", help="every affiliation, dates in ISO 8601")
        dump.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        dump.add_argument("-o", "--output", help="a file (default: standard output)")

    def handle(self, *args, action, **options):
        if action == "export":
            data = exporter.to_xlsx() if options["format"] == "xlsx" else exporter.to_csv()
            if options["output"]:
                Path(options["output"]).write_bytes(data)
            else:
                sys.stdout.buffer.write(data)
            return
        owner = Organisation.objects.filter(slug=options["organisation"]).first()
        if owner is None:
            raise CommandError(f"No organisation has the slug {options['organisation']!r}.")
        path = Path(options["file"])
        try:
            table = importer.read_table(path.read_bytes(), path.name)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        except importer.UnreadableFile as exc:
            raise CommandError(f"{path}: {exc}") from exc
        checked = importer.check(table)
        if checked.problems:
            for problem in checked.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(checked.problems)} problems; nothing was imported.")
        if options["dry_run"]:
            self.stdout.write(f"{len(checked.rows)} rows are ready to import (dry run).")
            return
        report = importer.write(checked.rows, owner.pk)
        self.stdout.write(f"{report.created} affiliations added, {report.updated} updated.")
