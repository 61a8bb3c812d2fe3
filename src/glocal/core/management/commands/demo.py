import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from glocal.core.demo import DEMO_PASSWORD
from glocal.orgs.demo import USERS


class Command(BaseCommand):
    help = "Set up the embedded database with demo data, then run the site and a worker."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="Set up, print and stop.")

    def handle(self, *args, bind: str, no_serve: bool = False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference")
        call_command("load_demo")
        self.stdout.write(self.style.SUCCESS(f"\nGlocal is at http://{bind}/"))
        self.stdout.write(
            f"Staff login at http://{bind}/accounts/login/ — password for every "
            f"demo user: {DEMO_PASSWORD}"
        )
        for username, _email, memberships, superuser in USERS:
            roles = ", ".join(f"{role.value} of {slug}" for slug, role in memberships)
            self.stdout.write(f"  {username:18} {'platform superuser' if superuser else roles}")
        if no_serve:
            return
        worker = subprocess.Popen([sys.executable, "-m", "glocal", "worker", "--no-reload"])
        try:
            call_command("serve", bind=bind, workers=2, threads=4)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
