"""glocal markets import FILE --organisation SLUG [--format tidy|jnto-arrivals|jta-stays|
customs-exports] [--period PERIOD] [--status preliminary|final] [--dry-run] [--no-progress]

--period and --status tell a publisher's layout what its file does not say (see
glocal.markets.layouts.OPTIONS).

Checks every row (a progress bar counts them), then writes all or nothing as an administrator
of the named organisation. The command line reads files up to the COMMAND_LINE upload limits
(two million rows by default)."""

from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glocal.core import tables, uploads
from glocal.markets import importer, layouts, services
from glocal.orgs.actors import Actor, acting_as
from glocal.orgs.models import Organisation, Role


class Command(BaseCommand):
    help = "Import official statistics (visitors, overnight stays, exports) from CSV or XLSX."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="import")
        load = actions.add_parser("import", help="check every row, then import in one go")
        load.add_argument("file")
        load.add_argument("--organisation", required=True, help="slug of the owning organisation")
        load.add_argument("--format", choices=sorted(layouts.LAYOUTS), default="tidy")
        load.add_argument("--period", help="the table's period (jta-stays): 2025-04, 2025, FY2025")
        load.add_argument(
            "--status",
            choices=("preliminary", "final"),
            help="the figures' status where the file does not say (jta-stays, customs-exports)",
        )
        load.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        load.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, action, **options):
        owner = Organisation.objects.filter(slug=options["organisation"]).first()
        if owner is None:
            raise CommandError(f"No organisation has the slug {options['organisation']!r}.")
        actor = Actor(via="cli", _roles={owner.pk: Role.ADMIN})
        path = Path(options["file"])
        with acting_as(actor):
            checked = self.check(path, owner, options)
            if checked.problems:
                self.refuse(checked.problems)
            plan = importer.compare(owner.pk, checked.rows)
            if plan.problems:
                self.refuse(plan.problems)
            if options["dry_run"]:
                self.stdout.write(
                    f"{len(plan.new)} new, {len(plan.replacing)} replacing, "
                    f"{plan.unchanged + plan.kept_final} unchanged (dry run; nothing written)."
                )
                return
            try:
                job = services.import_rows(
                    actor, owner.pk, checked.rows, path.name, options["format"]
                )
            except services.Refused as exc:
                self.refuse(exc.problems)
        self.stdout.write(
            f"{job.created} figures added, {job.replaced} replaced, {job.unchanged} unchanged."
        )

    def check(self, path: Path, owner, options) -> importer.Checked:
        from tqdm import tqdm

        bar = tqdm(desc="checking", unit=" rows", disable=options["no_progress"], file=self.stderr)
        try:
            with (
                path.open("rb") as file,
                closing(tables.iter_table(file, path.name, limits=uploads.COMMAND_LINE)) as read,
            ):
                rows = layouts.read(
                    options["format"], read, period=options["period"], status=options["status"]
                )
                last = [0]

                def progress(n: int) -> None:
                    bar.update(n - last[0])
                    last[0] = n

                return importer.check(rows, owner.pk, progress=progress)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        except tables.UnreadableFile as exc:
            raise CommandError(f"{path}: {exc}") from exc
        finally:
            bar.close()

    def refuse(self, problems) -> None:
        for problem in problems[:500]:
            self.stderr.write(str(problem))
        if len(problems) > 500:
            self.stderr.write(f"… and {len(problems) - 500} more.")
        raise CommandError(f"{len(problems)} problems; nothing was imported.")
