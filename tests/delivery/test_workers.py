"""Delivery by real worker processes on PostgreSQL, to a real SMTP sink: a worker killed with
SIGKILL midway and restarted misses nobody and repeats at most one batch; several workers share
one delivery without sending anything twice."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from glocal.delivery.models import Delivery, Subscriber
from glocal.notices import library, services
from glocal.places.reference import load_reference
from tests.smtpsink import SmtpSink

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

SUBSCRIBERS = 400
BATCH = 20
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def postgres():
    assert connection.vendor == "postgresql"
    # Transactional tests start from an empty database.
    load_reference(progress=False)
    library.load(library.read())


@pytest.fixture
def sink():
    running = SmtpSink(keep_messages=False).start()
    yield running
    running.stop()


def start_worker(sink, home) -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "GLOCAL_ENV": "development",
        "GLOCAL_HOME": str(home),
        "GLOCAL_DATABASE_URL": url,
        "GLOCAL_EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "GLOCAL_OUTBOX_BATCH": str(BATCH),
        "GLOCAL_OUTBOX_STALE_SECONDS": "2",
        "GLOCAL_OUTBOX_SENDERS": "3",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "glocal",
            "worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def publish_to_subscribers(home_org, editor, owner, actor_for, shelter, place) -> set[str]:
    prefecture = place("070009")
    addresses = [f"resident{n}@example.com" for n in range(SUBSCRIBERS)]
    Subscriber.objects.bulk_create(
        Subscriber(
            owner=home_org,
            email=address,
            language=("pt", "vi", "en", "zh-Hans", "ne")[n % 5],
            prefecture=prefecture,
            confirmed_at=timezone.now(),
        )
        for n, address in enumerate(addresses)
    )
    notice = services.create_notice(
        actor_for(editor),
        {
            "owner_id": home_org.pk,
            "category": "shelter",
            "severity": "warning",
            "prefecture": "070009",
            "valid_from": timezone.now() - timedelta(hours=1),
            "phrases": ["shelter.opened"],
            "slots": {"date": "2026-11-21", "time": "15:30", "facility": "tsuruga-gym"},
        },
    )
    services.approve_notice(actor_for(owner), notice)
    with override_settings(TASKS=DATABASE_TASKS):  # queued for the workers, not run here
        services.publish_notice(actor_for(editor), notice)
    return set(addresses)


def delivered() -> bool:
    return Delivery.objects.filter(status=Delivery.Status.DONE).exists()


def test_a_killed_worker_misses_nobody(
    postgres, sink, tmp_path, home_org, editor, owner, actor_for, shelter, place
):
    everyone = publish_to_subscribers(home_org, editor, owner, actor_for, shelter, place)
    first = start_worker(sink, tmp_path)
    try:
        wait_for(lambda: sink.count() >= SUBSCRIBERS // 3, 60, "the first worker to send")
        first.send_signal(signal.SIGKILL)  # in the middle of the delivery
        first.wait(10)
    finally:
        first.kill()
    stopped_at = sink.count()
    assert stopped_at < SUBSCRIBERS
    second = start_worker(sink, tmp_path)
    try:
        wait_for(delivered, 90, "the restarted worker to finish")
    finally:
        second.kill()
        second.wait(10)
    received = sink.recipients
    assert set(received) == everyone
    assert len(received) - SUBSCRIBERS <= BATCH  # at most the one interrupted batch again
    delivery = Delivery.objects.get()
    assert (delivery.total, delivery.sent, delivery.failed) == (SUBSCRIBERS, SUBSCRIBERS, 0)


def test_several_workers_share_a_delivery_without_sending_twice(
    postgres, sink, tmp_path, home_org, editor, owner, actor_for, shelter, place
):
    everyone = publish_to_subscribers(home_org, editor, owner, actor_for, shelter, place)
    workers = [start_worker(sink, tmp_path) for _ in range(3)]
    try:
        wait_for(delivered, 90, "three workers to finish")
    finally:
        for worker in workers:
            worker.kill()
            worker.wait(10)
    assert sorted(sink.recipients) == sorted(everyone)  # each exactly once
