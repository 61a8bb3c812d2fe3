"""Ranking every Japanese local government for one partner request, against one plain query
that reads the same rows. Lower is better here: the last line is the ranking's time over the
plain query's (target ≤ 3).

    python bench/matching.py
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.update(
    GLOCAL_HOME=tempfile.mkdtemp(prefix="glocal-matching-"),
    GLOCAL_ENV="test",
    DJANGO_SETTINGS_MODULE="glocal.settings",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

ROUNDS = 20


def best(work) -> float:
    fastest = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        work()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def main() -> int:
    from glocal.orgs.models import Organisation
    from glocal.partners import demo, matching
    from glocal.partners.models import PartnerProfile, PartnerRequest
    from glocal.places.models import Country, LocalGovernment
    from glocal.places.reference import load_reference

    call_command("migrate", verbosity=0)
    load_reference(progress=False)
    owner = Organisation.objects.create(slug="fukushima-pref", name="福島県", kind="prefecture")
    demo.load(lambda line: None)
    fukushima = LocalGovernment.objects.get(code="070009")
    for place in LocalGovernment.objects.municipalities().filter(prefecture=fukushima):
        PartnerProfile.objects.create(
            owner=owner, local_government=place, countries=",US,", fields=",education,culture,"
        )
    request = PartnerRequest.objects.create(
        owner=owner, name="Sampleton (fictional)", country=Country.objects.get(code="US"),
        population=60_000, latitude=41.6, fields=",education,youth,",
    )  # fmt: skip
    request.preferred_prefectures.set([fukushima])
    rows = (
        LocalGovernment.objects.current()
        .order_by("code")
        .values_list("pk", "code", "name", "kind", "prefecture_id", "latitude")
    )
    plain = best(lambda: list(rows.all()))
    ranking = best(lambda: matching.rank(request))
    count = len(matching.rank(request))
    print(f"plain query: {plain * 1000:6.2f} ms for {count} local governments")
    print(f"ranking:     {ranking * 1000:6.2f} ms (all factors and their explanations)")
    print(f"ratio={ranking / plain:.2f}  (time; lower is better, target ≤ 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
