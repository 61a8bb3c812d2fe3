from django_tasks import task

from glocal.trade import alerts


@task()
def alert_change(version_id: int) -> None:
    """Tell the followers of a changed measure, after the change is committed."""
    alerts.alert(version_id)
