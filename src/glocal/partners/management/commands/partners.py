"""glocal partners import FILE --organisation SLUG [--dry-run] |
export [--organisation SLUG] --format csv|xlsx [-o FILE]

The command line has no row limit (the web page has, see importer.WEB_ROW_LIMIT); it imports
as an administrator of the named organisation."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glocal.orgs import scoping
from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation, Role
from glocal.partners import exporter, importer, services
from glocal.partners.models import Affiliation


class Command(BaseCommand):
    help = "Import or export sister-city affiliations as offices keep them (CSV or XLSX)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="import|export")
        load = actions.add_parser("import", help="check every row, then import in one go")
        load.add_argument("file")
        load.add_argument("--organisation", required=True, help="slug of the owning organisation")
        load.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        dump = actions.add_parser("export", help="affiliations, dates in ISO 8601")
        dump.add_argument(
            "--organisation",
            help="what this organisation sees (public ones and its own); default: every one",
        )
        dump.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        dump.add_argument("-o", "--output", help="a file (default: standard output)")

    def handle(self, *args, action, **options):
        if action == "export":
            self.export(options)
            return
        owner = self.organisation(options["organisation"])
        path = Path(options["file"])
        try:
            table = importer.read_table(path.read_bytes(), path.name)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        except importer.UnreadableFile as exc:
            raise CommandError(f"{path}: {exc}") from exc
        checked = importer.check(table)
        checked.problems += services.place_problems(self.actor(owner), owner.pk, checked.rows)
        if checked.problems:
            for problem in checked.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(checked.problems)} problems; nothing was imported.")
        for warning in checked.warnings:
            self.stderr.write(f"warning: {warning}")
        if options["dry_run"]:
            self.stdout.write(f"{len(checked.rows)} rows are ready to import (dry run).")
            return
        report = services.import_rows(self.actor(owner), owner.pk, checked.rows)
        self.stdout.write(f"{report.created} affiliations added, {report.updated} updated.")

    def organisation(self, slug: str) -> Organisation:
        owner = Organisation.objects.filter(slug=slug).first()
        if owner is None:
            raise CommandError(f"No organisation has the slug {slug!r}.")
        return owner

    def actor(self, organisation: Organisation) -> Actor:
        """The operator, acting as an administrator of the organisation named."""
        return Actor(via="cli", _roles={organisation.pk: Role.ADMIN})

    def export(self, options) -> None:
        found = Affiliation.objects.all()
        if options["organisation"]:
            found = scoping.visible(found, self.actor(self.organisation(options["organisation"])))
        data = exporter.to_xlsx(found) if options["format"] == "xlsx" else exporter.to_csv(found)
        if options["output"]:
            Path(options["output"]).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
