"""Statistics files queued from the staff page, imported in the background."""

from django_tasks import task


@task()
def import_statistics(job_id: int) -> None:
    from glocal.core import tables
    from glocal.markets import services

    services.run_import(job_id, lambda data, name: tables.iter_table(data, name))
