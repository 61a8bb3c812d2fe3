from django_tasks import task

from glocal.desk import services
from glocal.orgs import actors


@task()
def purge() -> int:
    """Daily: erase residents' details past the retention period (see services.purge)."""
    with actors.acting_as(actors.Actor(via="task")):
        return services.purge()
