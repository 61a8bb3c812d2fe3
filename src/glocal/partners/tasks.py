"""Big affiliation files, imported in the background: checked with a progress counter, then
written in one short transaction (see services.import_rows)."""

from django_tasks import task


@task()
def import_affiliations(job_id: int) -> None:
    from glocal.partners import services

    services.run_import(job_id)
