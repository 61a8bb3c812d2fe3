"""Demo foreign local governments: real places, public facts only."""

from django.db import transaction

from glocal.orgs.models import Organisation
from glocal.places.models import Country, ForeignLocalGovernment, Subdivision

RECORDS = [
    # owner, country, subdivision, kind, local name, English, Japanese, public
    (
        "fukushima-pref",
        "US",
        "US-DE",
        "state",
        "Delaware",
        "State of Delaware",
        "デラウェア州",
        True,
    ),
    ("fukushima-pref", "CN", "CN-CQ", "city", "重庆市", "Chongqing", "重慶市", True),
    (
        "yamagata-pref",
        "CN",
        "CN-HL",
        "province",
        "黑龙江省",
        "Heilongjiang Province",
        "黒竜江省",
        True,
    ),
    ("yamagata-pref", "US", "US-CO", "state", "Colorado", "State of Colorado", "コロラド州", False),
]


@transaction.atomic
def load(write) -> None:
    for owner, country, subdivision, kind, local, en, ja, public in RECORDS:
        ForeignLocalGovernment.objects.update_or_create(
            owner=Organisation.objects.get(slug=owner),
            name_en=en,
            defaults={
                "country": Country.objects.get(code=country),
                "subdivision": Subdivision.objects.get(code=subdivision),
                "kind": kind,
                "name_local": local,
                "name_ja": ja,
                "is_public": public,
            },
        )
    write(f"foreign local governments: {len(RECORDS)}")
