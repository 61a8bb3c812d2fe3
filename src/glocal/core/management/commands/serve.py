import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from gunicorn.app.wsgiapp import WSGIApplication


class Command(BaseCommand):
    help = "Serve the site with gunicorn (put a TLS-terminating reverse proxy in front)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("GLOCAL_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("GLOCAL_WEB_WORKERS", "2"))
        )
        # Two threads a worker: the work is Python and holds the interpreter lock, so more
        # threads only wait on each other (and on SQLite's write lock). Measured with
        # bench/checkin.py and bench/portal.py: 4 threads served 20-25 % fewer requests.
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("GLOCAL_WEB_THREADS", "2"))
        )

    def handle(self, *args, bind: str, workers: int, threads: int, **options):
        if settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            "gunicorn",
            "glocal.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            ",".join(settings.FORWARDED_ALLOW_IPS),
        ]
        # gunicorn reads its options from sys.argv.
        sys.argv = argv
        WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
