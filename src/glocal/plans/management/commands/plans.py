"""glocal plans import|actuals|export|report|recompute|list"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from glocal import wareki
from glocal.core import uploads
from glocal.core.tables import UnreadableFile
from glocal.orgs.models import Organisation
from glocal.plans import actuals, derived, exporter, importer, report
from glocal.plans.models import Plan


def _read(path: str, reader):
    """What `reader(file, name, limits)` makes of the file, within the command line's upload
    limits (larger than the web's)."""
    try:
        with Path(path).open("rb") as file:
            return reader(file, path, uploads.COMMAND_LINE)
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
    except UnreadableFile as exc:
        raise CommandError(f"{path}: {exc}") from exc


def _write(data, output: str | None) -> None:
    data = data.encode() if isinstance(data, str) else data
    if output:
        Path(output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def _plan(plan_id: int) -> Plan:
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        raise CommandError(f"No plan has the id {plan_id}; `glocal plans list` shows them.")
    return plan


def _fiscal_year(text: str, plan: Plan) -> int:
    try:
        year = wareki.parse_fiscal_year(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    if not plan.start_fy - 1 <= year <= plan.end_fy:
        raise CommandError(f"FY{year} is outside the plan (FY{plan.start_fy}–FY{plan.end_fy}).")
    return year


class Command(BaseCommand):
    help = "Plans: import structures and actuals, export everything, make the progress report."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="list|import|actuals|export|report|recompute"
        )
        actions.add_parser("list", help="plans with their ids")
        load = actions.add_parser("import", help="a plan structure from YAML or XLSX")
        load.add_argument("file")
        load.add_argument("--organisation", required=True, help="slug of the owning organisation")
        load.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        figures = actions.add_parser("actuals", help="actuals from CSV or XLSX")
        figures.add_argument("plan_id", type=int)
        figures.add_argument("file")
        figures.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        dump = actions.add_parser("export", help="everything about a plan")
        dump.add_argument("plan_id", type=int)
        dump.add_argument("--format", choices=("yaml", "xlsx"), default="yaml")
        dump.add_argument("-o", "--output", help="a file (default: standard output)")
        made = actions.add_parser("report", help="the annual progress report")
        made.add_argument("plan_id", type=int)
        made.add_argument("--fy", required=True, help="fiscal year: 2025, FY2025 or 令和7年度")
        made.add_argument("--format", choices=tuple(report.FORMATS), default="pdf")
        made.add_argument("-o", "--output", help="a file (default: standard output)")
        made.add_argument("--language", choices=("ja", "en"), default="ja", help="of headings")
        count = actions.add_parser("recompute", help="derived indicators from the records now")
        count.add_argument("plan_id", type=int)
        count.add_argument("--fy", required=True)

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def do_list(self, **options):
        for plan in Plan.objects.select_related("owner").order_by("pk"):
            self.stdout.write(
                f"{plan.pk}\tFY{plan.start_fy}–FY{plan.end_fy}\t{plan.title}\t{plan.owner.slug}"
            )

    def do_import(self, file, organisation, dry_run, **options):
        owner = Organisation.objects.filter(slug=organisation).first()
        if owner is None:
            raise CommandError(f"No organisation has the slug {organisation!r}.")
        checked = importer.check(_read(file, importer.read), owner.pk)
        self._stop_on(checked.problems, "nothing was imported")
        document = checked.document
        if dry_run:
            self.stdout.write(
                f"{len(document.nodes)} nodes and {len(document.indicators)} "
                "indicators are ready to import (dry run)."
            )
            return
        done = importer.write(checked, owner.pk)
        verb = "imported" if done.created else "updated"
        self.stdout.write(
            f"Plan {done.plan.pk} {verb}: {done.nodes} nodes, {done.indicators} indicators."
        )
        if done.kept:
            self.stdout.write(f"Kept, though not in the file: {', '.join(done.kept)}")

    def do_actuals(self, plan_id, file, dry_run, **options):
        plan = _plan(plan_id)
        checked = _read(file, lambda f, name, limits: actuals.check_file(f, name, plan, limits))
        self._stop_on(checked.problems, "nothing was imported")
        if dry_run:
            self.stdout.write(f"{len(checked.rows)} actuals are ready to import (dry run).")
            return
        self.stdout.write(f"{actuals.write(checked)} actuals saved.")

    def do_export(self, plan_id, format, output, **options):
        plan = _plan(plan_id)
        _write(exporter.to_xlsx(plan) if format == "xlsx" else exporter.to_yaml(plan), output)

    def do_report(self, plan_id, fy, format, output, language, **options):
        plan = _plan(plan_id)
        try:
            with translation.override(language):
                data = report.FORMATS[format](plan, _fiscal_year(fy, plan))
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        _write(data, output)

    def do_recompute(self, plan_id, fy, **options):
        plan = _plan(plan_id)
        year = _fiscal_year(fy, plan)
        done = derived.recompute_plan(plan, year)
        self.stdout.write(f"{done} derived indicators computed for FY{year}.")

    def _stop_on(self, problems, what: str) -> None:
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} problems; {what}.")
