import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from glocal.delivery import outbox

log = logging.getLogger(__name__)


def _sweep_forever(stop: threading.Event) -> None:
    """Every OUTBOX_SWEEP_SECONDS, queue the deliveries nobody is working on (their planner or
    sender was killed). In a thread, so that it runs while this worker sends a long delivery."""
    while not stop.wait(settings.OUTBOX_SWEEP_SECONDS):
        try:
            close_old_connections()
            outbox.sweep()
        except Exception:  # a database hiccup must not end the sweeping
            log.exception("The delivery sweep failed; trying again next time.")
        finally:
            connection.close()


class Command(DatabaseWorker):
    help = "Run background tasks from the database queue (run several for more throughput)."

    def handle(self, *args, **options):
        # A worker killed mid-delivery leaves its task marked as running; queue that work again,
        # now and periodically (so that living workers take over from dead ones).
        resumed = outbox.sweep()
        if resumed:
            self.stdout.write(f"Queued the work of {resumed} unfinished deliveries.")
        threading.Thread(
            target=_sweep_forever, args=(threading.Event(),), name="delivery-sweep", daemon=True
        ).start()
        return super().handle(*args, **options)
