import pytest
from django.utils import timezone

from glocal.delivery.models import Subscriber
from tests.smtpsink import SmtpSink, smtp_settings


@pytest.fixture
def sink():
    running = SmtpSink().start()
    yield running
    running.stop()


@pytest.fixture
def smtp(sink):
    """Send through real SMTP to the sink on 127.0.0.1."""
    with smtp_settings(sink.port):
        yield sink


@pytest.fixture
def subscribe(home_org, place):
    """Make a confirmed subscriber of the home organisation."""

    def make(email, language="pt", municipalities=(), categories=(), confirmed=True):
        subscriber = Subscriber(
            owner=home_org,
            email=email,
            language=language,
            prefecture=place("070009"),
            confirmed_at=timezone.now() if confirmed else None,
        )
        subscriber.categories = list(categories)
        subscriber.save()
        subscriber.municipalities.set([place(code) for code in municipalities])
        return subscriber

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a write queues for after its commit (the delivery), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
