from django_tasks import task

from glocal.plans import derived


@task()
def recompute_owner(organisation_id: int) -> None:
    """Recompute the derived indicators of an organisation's plans after its records changed."""
    derived.recompute_owner(organisation_id)
