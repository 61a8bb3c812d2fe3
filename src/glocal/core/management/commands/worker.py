from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from glocal.delivery import outbox


class Command(DatabaseWorker):
    help = "Run background tasks from the database queue (run several for more throughput)."

    def handle(self, *args, **options):
        # A worker killed mid-delivery leaves its task marked as running; queue that work again.
        resumed = outbox.resume()
        if resumed:
            self.stdout.write(f"Queued the work of {resumed} unfinished deliveries.")
        return super().handle(*args, **options)
