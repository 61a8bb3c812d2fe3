"""glocal trade import FILE --organisation SLUG [--dry-run] | export [--format csv|xlsx]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glocal.core import uploads
from glocal.orgs.actors import Actor, acting_as
from glocal.orgs.models import Organisation, Role
from glocal.trade import exporter, importer, queries


class Command(BaseCommand):
    help = "Import or export foreign import restrictions on Japanese products (CSV or XLSX)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="import|export")
        load = actions.add_parser("import", help="check every row, then import in one go")
        load.add_argument("file")
        load.add_argument("--organisation", required=True, help="slug of the owning organisation")
        load.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        dump = actions.add_parser("export", help="every version of the public measures")
        dump.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        dump.add_argument("-o", "--output", help="a file (default: standard output)")

    def handle(self, *args, action, **options):
        if action == "export":
            versions = queries.public_versions()
            fmt = options["format"]
            data = exporter.to_xlsx(versions) if fmt == "xlsx" else exporter.to_csv(versions)
            if options["output"]:
                Path(options["output"]).write_bytes(data)
            else:
                sys.stdout.buffer.write(data)
            return
        owner = Organisation.objects.filter(slug=options["organisation"]).first()
        if owner is None:
            raise CommandError(f"No organisation has the slug {options['organisation']!r}.")
        self._import(owner, Path(options["file"]), options["dry_run"])

    def _import(self, owner, path: Path, dry_run: bool) -> None:
        try:
            table = importer.read_table(path.read_bytes(), path.name, uploads.COMMAND_LINE)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        except (importer.UnreadableFile, uploads.TooLarge) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        checked = importer.check(table)
        if checked.problems:
            for problem in checked.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(checked.problems)} problems; nothing was imported.")
        if dry_run:
            self.stdout.write(f"{len(checked.rows)} rows are ready to import (dry run).")
            return
        # Whoever runs the command on the server acts for the organisation named.
        actor = Actor(via="cli", _roles={owner.pk: Role.ADMIN})
        with acting_as(actor):
            recorded = importer.write(actor, owner.pk, checked.rows)
        self.stdout.write(
            f"{recorded} versions recorded, {len(checked.rows) - recorded} unchanged."
        )
