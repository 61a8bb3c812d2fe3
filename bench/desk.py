"""One fiscal year's consultation statistics by language × topic × month through the desk's own
statistics code, against one raw SQL GROUP BY over the same rows. Lower is better: the last line
is the product's time over the raw query's (target ≤ 1.5).

    python bench/desk.py [--cases 1000000] [--postgres]

--postgres starts a throwaway PostgreSQL server (as the test suite does) instead of SQLite.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ARGS.add_argument("--cases", type=int, default=1_000_000)
ARGS.add_argument("--postgres", action="store_true")
OPTIONS = ARGS.parse_args()
SERVER = None
if OPTIONS.postgres:
    from tests.pgserver import PostgresServer

    SERVER = PostgresServer.start()
    os.environ["GLOCAL_DATABASE_URL"] = SERVER.url
os.environ.update(
    GLOCAL_HOME=tempfile.mkdtemp(prefix="glocal-desk-"),
    GLOCAL_ENV="test",
    DJANGO_SETTINGS_MODULE="glocal.settings",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from glocal.desk import statistics  # noqa: E402
from glocal.desk.models import Case, Topic  # noqa: E402
from glocal.orgs.models import Organisation  # noqa: E402

ROUNDS = 5
LANGUAGES = ("vi", "zh-Hans", "tl", "en", "pt", "ne", "id", "ko", "my", "th")
CHUNK = 20_000


def best(work) -> float:
    fastest = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        work()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def fill(organisation, count: int) -> None:
    """Synthetic cases over two fiscal years, one or two topics each, written in bulk."""
    rng = random.Random(1)
    topics = list(Topic.objects.filter(owner=None).values_list("pk", flat=True))
    Through = Case.topics.through
    start = date(2024, 4, 1)
    now = timezone.now()
    for first in range(0, count, CHUNK):
        cases = []
        for _n in range(first, min(first + CHUNK, count)):
            day = start + timedelta(days=rng.randrange(730))
            cases.append(Case(owner=organisation, received_at=now, received_on=day,
                              received_month=day.replace(day=1), channel="phone",
                              language=rng.choice(LANGUAGES)))  # fmt: skip
        made = Case.objects.bulk_create(cases)
        links = [Through(case_id=c.pk, topic_id=t) for c in made
                 for t in rng.sample(topics, rng.choice((1, 1, 2)))]  # fmt: skip
        Through.objects.bulk_create(links)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


RAW = """SELECT c.language, ct.topic_id, c.received_month, COUNT(*)
FROM desk_case c JOIN desk_case_topics ct ON ct.case_id = c.id
WHERE c.owner_id = %s AND c.received_on BETWEEN %s AND %s
GROUP BY c.language, ct.topic_id, c.received_month"""


def main() -> int:
    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(slug="bench", name="bench", kind="support_group")
    started = time.perf_counter()
    fill(organisation, OPTIONS.cases)
    print(f"{OPTIONS.cases} cases on {connection.vendor} in {time.perf_counter() - started:.0f} s")
    fy_start, fy_end = statistics.fiscal_year_dates(2025)

    def product():
        return statistics.table(organisation.pk, 2025, ("language", "topic", "month"))

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW, [organisation.pk, fy_start, fy_end])
            return cursor.fetchall()

    assert sum(c.count for c in product()) == sum(row[3] for row in raw())
    ours, plain = best(product), best(raw)
    print(f"statistics {ours * 1000:.0f} ms, raw GROUP BY {plain * 1000:.0f} ms")
    print(f"ratio={ours / plain:.2f}  (time; lower is better, target ≤ 1.5)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        if SERVER is not None:
            SERVER.stop()
