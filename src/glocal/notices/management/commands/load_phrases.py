from django.core.management.base import BaseCommand, CommandError

from glocal.notices import library


class Command(BaseCommand):
    help = (
        "Load the phrase library (standard messages in every content language) shipped with Glocal."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="only check the files; write nothing"
        )

    def handle(self, *args, check=False, **options):
        try:
            entries = library.read()
        except library.LibraryError as exc:
            raise CommandError(f"The phrase library has errors:\n{exc}") from exc
        if check:
            self.stdout.write(f"{len(entries)} phrase templates, all languages, no errors.")
            return
        report = library.load(entries)
        self.stdout.write(
            f"{report.templates} phrase templates: {report.created} translations added, "
            f"{report.changed} changed."
        )
