"""Delivering one notice to N subscribers in 15 languages, against a raw smtplib loop.

Both send to the same aiosmtpd sink on 127.0.0.1 (a process of its own) in the same run.
Glocal's side is the real delivery code (planning the outbox, claiming batches,
rendering each subscriber's language, recording every message) on the embedded SQLite
database with one worker; the raw side sends the very same messages, rendered beforehand,
over one smtplib connection. The last line is Glocal's throughput over the raw loop's
(target ≥ 0.5).

    python bench/fanout.py [--subscribers 100000]
"""

import argparse
import os
import smtplib
import sys
import tempfile
import time
from datetime import timedelta
from email.utils import formatdate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
HOME = tempfile.mkdtemp(prefix="glocal-fanout-")
os.environ.update(GLOCAL_HOME=HOME, GLOCAL_ENV="test", DJANGO_SETTINGS_MODULE="glocal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from tests.smtpsink import ProcessSink  # noqa: E402

LANGUAGES = ["ja-x-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "tl", "pt", "es", "ne"]
LANGUAGES += ["id", "th", "my", "km", "mn"]


def prepare(count: int):
    from django.contrib.auth import get_user_model

    from glocal.delivery.models import Subscriber
    from glocal.notices import library, services
    from glocal.notices.models import Facility
    from glocal.orgs.actors import Actor
    from glocal.orgs.models import Membership, Organisation, Role
    from glocal.places.models import LocalGovernment
    from glocal.places.reference import load_reference

    call_command("migrate", verbosity=0)
    load_reference(progress=False)
    library.load(library.read())
    prefecture = LocalGovernment.objects.get(code="070009")
    organisation = Organisation.objects.create(
        slug="bench", name="福島県", name_en="Fukushima", kind="prefecture",
        local_government=prefecture,
    )  # fmt: skip
    people = []
    for name in ("writer", "checker"):
        user = get_user_model().objects.create_user(username=name)
        Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
        people.append(Actor(user=user, via="cli"))
    Facility.objects.create(
        owner=organisation, slug="gym", kind="shelter", name="鶴ヶ城体育館",
        kana="つるがじょう たいいくかん", is_public=True,
    )  # fmt: skip
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                owner=organisation,
                email=f"resident{n}@example.com",
                language=LANGUAGES[n % len(LANGUAGES)],
                prefecture=prefecture,
                confirmed_at=now,
            )
            for n in range(count)
        ),
        batch_size=5000,
    )
    notice = services.create_notice(
        people[0],
        {
            "owner_id": organisation.pk,
            "category": "shelter",
            "severity": "warning",
            "prefecture": "070009",
            "valid_from": now - timedelta(hours=1),
            "phrases": ["shelter.opened", "shelter.bring_items"],
            "slots": {"date": "2026-11-21", "time": "15:30", "facility": "gym"},
        },
    )
    services.approve_notice(people[1], notice)
    return notice, people


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    count = parser.parse_args().subscribers
    sink = ProcessSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.OUTBOX_BATCH = 500
    print(f"preparing {count:,} subscribers in {len(LANGUAGES)} languages…", flush=True)
    notice, people = prepare(count)

    from glocal.delivery import outbox
    from glocal.delivery.mail import Mail
    from glocal.delivery.models import Delivery, OutboxMessage
    from glocal.notices import services

    started = time.perf_counter()
    services.publish_notice(people[0], notice)  # the delivery is planned and sent here
    delivery = Delivery.objects.get()
    if delivery.status != Delivery.Status.DONE:  # tasks run inline in this process
        outbox.plan(delivery.pk)
        outbox.send(delivery.pk)
    glocal = time.perf_counter() - started
    delivery.refresh_from_db()
    time.sleep(0.2)
    received = sink.count()
    assert delivery.sent == count == received, (delivery.sent, count, received)

    # The same messages, rendered beforehand, through a bare smtplib loop.
    mails = {c.language: Mail(c) for c in delivery.contents.all()}
    prepared = [
        (m.address, mails[m.language].raw(m, formatdate(localtime=True)))
        for m in OutboxMessage.objects.filter(delivery=delivery).order_by("pk")
    ]
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", sink.port) as smtp:
        for address, message in prepared:
            smtp.sendmail(settings.DEFAULT_FROM_EMAIL, [address], message)
    raw = time.perf_counter() - started
    time.sleep(0.2)  # the sink counts as it receives
    assert sink.count() == 2 * count, sink.count()
    sink.stop()

    print(f"glocal: {count / glocal:8.0f} messages/s ({count:,} in {glocal:.1f} s)")
    print(f"smtplib: {count / raw:7.0f} messages/s ({count:,} in {raw:.1f} s)")
    print(f"ratio={raw / glocal:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
