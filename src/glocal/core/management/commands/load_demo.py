from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from glocal.core import demo


class Command(BaseCommand):
    help = "Load demo organisations, users and records (idempotent). Needs load-reference first."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo users even with GLOCAL_ENV=production.",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        if settings.PRODUCTION and not allow_production:
            raise CommandError("Refusing to create demo users with known passwords in production.")
        from glocal.places.models import LocalGovernment

        if not LocalGovernment.objects.exists():
            raise CommandError("No reference data yet: run `glocal load-reference` first.")
        demo.load_all(self.stdout.write)
