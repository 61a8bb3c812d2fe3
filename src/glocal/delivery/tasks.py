from django_tasks import task

from glocal.delivery import outbox


@task()
def plan_delivery(delivery_id: int) -> None:
    """Find the subscribers of a delivery and queue the senders."""
    outbox.plan(delivery_id)


@task()
def send_delivery(delivery_id: int) -> None:
    """Send a delivery's messages until none is left (several may run at once)."""
    outbox.send(delivery_id)


@task()
def send_confirmation(subscriber_id: int, token: str) -> None:
    """E-mail the link that confirms a subscription or a change to one (`token` carries the
    choices; see glocal.delivery.subscriptions)."""
    from glocal.delivery import mail
    from glocal.delivery.models import Subscriber

    subscriber = Subscriber.objects.select_related("owner").filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    name = (
        subscriber.owner.name
        if subscriber.language.startswith("ja")
        else (subscriber.owner.name_en or subscriber.owner.name)
    )
    mail.confirmation(subscriber, token, name).send()
