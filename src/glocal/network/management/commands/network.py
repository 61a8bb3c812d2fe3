"""glocal network import FILE --organisation SLUG [--dry-run] |
export --organisation SLUG [--format csv|xlsx] [--english] [-o FILE] |
duplicates --organisation SLUG

The command line reads files within the command-line upload limits and acts as an
administrator of the organisation named; contacts are only ever those of that organisation."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glocal.core import uploads
from glocal.network import duplicates, exporter, importer, services
from glocal.network.models import Contact
from glocal.orgs import scoping
from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation, Role


class Command(BaseCommand):
    help = "Import, export or check for duplicates the contacts of an organisation."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="check every row, then import in one go")
        load.add_argument("file")
        load.add_argument("--organisation", required=True)
        load.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        dump = actions.add_parser("export", help="contacts in the import's columns")
        dump.add_argument("--organisation", required=True)
        dump.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        dump.add_argument("--english", action="store_true", help="English column names")
        dump.add_argument("-o", "--output")
        twins = actions.add_parser("duplicates", help="list likely duplicates with the reason")
        twins.add_argument("--organisation", required=True)

    def handle(self, *args, action, **options):
        owner = Organisation.objects.filter(slug=options["organisation"]).first()
        if owner is None:
            raise CommandError(f"No organisation has the slug {options['organisation']!r}.")
        actor = Actor(via="cli", _roles={owner.pk: Role.ADMIN})
        {"import": self.import_, "export": self.export, "duplicates": self.duplicates}[action](
            owner, actor, options
        )

    def import_(self, owner, actor, options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
            table = importer.read_table(data, path.name, limits=uploads.COMMAND_LINE)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        except (importer.UnreadableFile, uploads.TooLarge) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        checked = importer.check(table, owner_id=owner.pk)
        if checked.problems:
            for problem in checked.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(checked.problems)} problems; nothing was imported.")
        for duplicate in checked.duplicates:
            self.stdout.write(f"duplicate: {duplicate}")
        if options["dry_run"]:
            self.stdout.write(f"{len(checked.rows)} rows are ready to import (dry run).")
            return
        report = services.import_rows(actor, owner.pk, checked, path.name)
        self.stdout.write(
            f"{report.created} contacts added, {report.updated} completed, "
            f"{report.unchanged} already known and unchanged."
        )

    def export(self, owner, actor, options):
        found = scoping.visible(Contact.objects.current(), actor).filter(owner=owner)
        if options["format"] == "xlsx":
            data = exporter.to_xlsx(found, options["english"])
        else:
            data = exporter.to_csv(found, options["english"])
        if options["output"]:
            Path(options["output"]).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)

    def duplicates(self, owner, actor, options):
        names = dict(Contact.objects.filter(owner=owner).values_list("pk", "name"))
        for pair in duplicates.find_duplicates(owner.pk):
            self.stdout.write(
                f"{pair.first} {names[pair.first]} = {pair.second} {names[pair.second]}: "
                f"{pair.reason}"
            )
