"""How long a big partnerships file takes to check and to write. Not part of the suite (the
file name does not start with test_); run it by hand:

    pytest tests/partners/bench_import.py -s [--database=postgres]

GLOCAL_BENCH_ROWS sets the number of rows (default 20,000).
"""

import os
import random
import time

import pytest

from glocal.orgs.actors import Actor
from glocal.orgs.models import Role
from glocal.partners import importer, services
from glocal.places.models import Country, LocalGovernment

pytestmark = pytest.mark.django_db

KINDS = ("姉妹", "友好", "パートナー", "経済")
FIELDS = ("教育", "文化、青少年", "観光", "")


def generated_csv(rows: int) -> bytes:
    """Real municipalities and countries, invented partners, every row different."""
    rng = random.Random(20000)
    places = list(
        LocalGovernment.objects.current()
        .exclude(kind=LocalGovernment.Kind.PREFECTURE)
        .select_related("prefecture")
        .values_list("prefecture__name", "name")
    )
    countries = list(Country.objects.values_list("code", flat=True))
    lines = ["都道府県,自治体名,相手国,相手州・省,相手自治体,提携種別,提携日,分野,備考"]
    for number in range(rows):
        prefecture, municipality = rng.choice(places)
        lines.append(
            f"{prefecture},{municipality},{rng.choice(countries)},,Town {number} (fictional),"
            f"{rng.choice(KINDS)},H{rng.randint(1, 30)}.4.1,{rng.choice(FIELDS)},note {number}"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_check_and_write_a_big_file(home_org):
    rows = int(os.environ.get("GLOCAL_BENCH_ROWS", "20000"))
    data = generated_csv(rows)
    started = time.perf_counter()
    checked = importer.check(importer.read_table(data, "big.csv"))
    checking = time.perf_counter() - started
    # Same-named municipalities (two 池田町 in one prefecture are rare but exist) may be refused.
    started = time.perf_counter()
    actor = Actor(via="test", _roles={home_org.pk: Role.EDITOR})
    services.import_rows(actor, home_org.pk, checked.rows)
    writing = time.perf_counter() - started
    print(
        f"\n{rows} rows: check {checking:.1f} s ({len(checked.problems)} problems), "
        f"write {len(checked.rows)} rows {writing:.1f} s"
    )
