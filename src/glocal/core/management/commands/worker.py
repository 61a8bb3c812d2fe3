import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from glocal.core import registry

log = logging.getLogger(__name__)


def sweep() -> int:
    """Run every app's sweep (registry.worker_sweep); how many pieces of work were resumed."""
    return sum(function() for function in registry.WORKER_SWEEPS)


def _sweep_forever(stop: threading.Event) -> None:
    """Every OUTBOX_SWEEP_SECONDS, the sweeps again (the outbox queues the deliveries nobody is
    working on: their planner or sender was killed). In a thread, so that it runs while this
    worker sends a long delivery."""
    while not stop.wait(settings.OUTBOX_SWEEP_SECONDS):
        try:
            close_old_connections()
            sweep()
        except Exception:  # a database hiccup must not end the sweeping
            log.exception("A worker sweep failed; trying again next time.")
        finally:
            connection.close()


class Command(DatabaseWorker):
    help = "Run background tasks from the database queue (run several for more throughput)."

    def handle(self, *args, **options):
        # A worker killed mid-delivery leaves its task marked as running; queue that work again,
        # now and periodically (so that living workers take over from dead ones).
        resumed = sweep()
        if resumed:
            self.stdout.write(f"Queued the work of {resumed} unfinished deliveries.")
        threading.Thread(
            target=_sweep_forever, args=(threading.Event(),), name="delivery-sweep", daemon=True
        ).start()
        return super().handle(*args, **options)
