"""Delivery by real worker processes on PostgreSQL, to a real SMTP sink: a worker killed with
SIGKILL midway and restarted misses nobody and repeats at most one batch; several workers share
one delivery without sending anything twice; a living worker takes over from a planner killed
mid-planning; a relay slower than the stale time causes no second sending."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import glocal
from glocal.delivery.models import Delivery, OutboxMessage, Subscriber
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


@pytest.fixture
def slow_sink():
    """A relay that takes 0.25 s per message: a batch of 20 takes 5 s, over the stale time."""
    running = SmtpSink(keep_messages=False, delay=0.25).start()
    yield running
    running.stop()


def start_worker(sink, home, worker_id="", **settings) -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        # The code under test, not whatever copy of Glocal the interpreter has installed.
        "PYTHONPATH": str(Path(glocal.__file__).parents[1]),
        "GLOCAL_ENV": "development",
        "GLOCAL_HOME": str(home),
        "GLOCAL_DATABASE_URL": url,
        "GLOCAL_EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "GLOCAL_OUTBOX_BATCH": str(BATCH),
        "GLOCAL_OUTBOX_STALE_SECONDS": "2",
        "GLOCAL_OUTBOX_SENDERS": "3",
        "GLOCAL_OUTBOX_SWEEP_SECONDS": "1",
        **{f"GLOCAL_OUTBOX_{name.upper()}": str(value) for name, value in settings.items()},
    }
    identity = ["--worker-id", worker_id] if worker_id else []
    log = home / f"worker-{worker_id or os.urandom(4).hex()}.log"  # to read when one fails
    with open(log, "wb") as output:
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
                *identity,
            ],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=output,
        )


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def publish_to_subscribers(
    home_org, editor, owner, actor_for, shelter, place, count=SUBSCRIBERS
) -> set[str]:
    prefecture = place("070009")
    addresses = [f"resident{n}@example.com" for n in range(count)]
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


def running_planners():
    return DBTaskResult.objects.filter(task_path__endswith="plan_delivery", status="RUNNING")


def planning_midway() -> bool:
    return (
        Delivery.objects.filter(status=Delivery.Status.PLANNING).exists()
        and OutboxMessage.objects.exists()
        and running_planners().count() == 1
    )


def test_a_living_worker_takes_over_from_a_killed_planner(
    postgres, sink, tmp_path, home_org, editor, owner, actor_for, shelter, place
):
    everyone = publish_to_subscribers(home_org, editor, owner, actor_for, shelter, place)
    # One row per chunk: planning takes long enough to be killed in the middle.
    workers = {
        name: start_worker(sink, tmp_path, worker_id=name, plan_chunk=1) for name in ("a", "b")
    }
    try:
        wait_for(planning_midway, 60, "a worker to start planning")
        [planner] = running_planners().get().worker_ids
        workers[planner].send_signal(signal.SIGKILL)
        workers[planner].wait(10)
        assert Delivery.objects.get().status == Delivery.Status.PLANNING  # killed midway
        assert sink.count() == 0
        # The survivor resumes within the stale time (2 s) and a sweep (1 s), not at a restart.
        started = time.monotonic()
        wait_for(delivered, 60, "the surviving worker to finish")
        [survivor] = [w for name, w in workers.items() if name != planner]
        assert survivor.poll() is None  # it was running all along
    finally:
        for worker in workers.values():
            worker.kill()
            worker.wait(10)
    assert time.monotonic() - started < 30
    assert sorted(sink.recipients) == sorted(everyone)  # each exactly once
    delivery = Delivery.objects.get()
    assert (delivery.total, delivery.sent, delivery.failed) == (SUBSCRIBERS, SUBSCRIBERS, 0)


def test_a_slow_relay_gets_each_message_once(
    postgres, slow_sink, tmp_path, home_org, editor, owner, actor_for, shelter, place
):
    count = 80
    everyone = publish_to_subscribers(
        home_org, editor, owner, actor_for, shelter, place, count=count
    )
    workers = [start_worker(slow_sink, tmp_path) for _ in range(2)]
    try:
        wait_for(delivered, 120, "two workers to finish through the slow relay")
    finally:
        for worker in workers:
            worker.kill()
            worker.wait(10)
    assert sorted(slow_sink.recipients) == sorted(everyone)  # no duplicates
    delivery = Delivery.objects.get()
    assert (delivery.total, delivery.sent, delivery.failed) == (count, count, 0)
