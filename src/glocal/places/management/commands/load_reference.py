from django.core.management.base import BaseCommand

from glocal.places.reference import load_reference


class Command(BaseCommand):
    help = "Load or refresh prefectures, municipalities, countries and subdivisions (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, no_progress: bool = False, **options):
        report = load_reference(progress=not no_progress)
        for name in report.created:
            self.stdout.write(
                f"{name}: {report.created[name]} created, {report.updated[name]} updated"
            )
        if not report.changed:
            self.stdout.write(self.style.SUCCESS("Reference data already up to date."))
