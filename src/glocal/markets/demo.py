"""Demo statistics: sample figures, made up and marked as such (`sample`), for the demo
prefectures Yamagata and Fukushima: foreign overnight stays by country and month in each
prefecture, and Japan's visitor arrivals and overnight stays by country. Shaped like the real
series (winter snow and spring blossom peaks, the 2020–2022 collapse) but not the published
values. Importing them again changes nothing."""

import math
from datetime import date

from django.utils import timezone

from glocal.markets import importer, services
from glocal.markets.models import Measure
from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation, Role

ORDER = 35  # before plans, whose derived indicators read these figures
FIRST = date(2019, 1, 1)
# Country: (monthly stays in Yamagata, in Fukushima, Japan's arrivals) in a normal month.
MARKETS = {
    "TW": (9000, 7000, 400_000),
    "CN": (2500, 3000, 700_000),
    "HK": (1500, 1200, 190_000),
    "KR": (1200, 1500, 500_000),
    "TH": (1400, 1800, 110_000),
    "US": (600, 900, 170_000),
    "AU": (500, 400, 50_000),
}
PREFECTURES = (("yamagata-pref", "060003", 0), ("fukushima-pref", "070009", 1))


def _season(month: int, country: str) -> float:
    """Snow in January–February and blossom in April peak for East Asia; summer for the rest."""
    peak = 1.5 if country in ("TW", "HK", "TH", "CN", "KR") else 9.0
    return 1 + 0.45 * math.cos((month - peak) * math.pi / 6)


def _recovery(day: date) -> float:
    if date(2020, 3, 1) <= day < date(2022, 10, 1):
        return 0.03
    if date(2022, 10, 1) <= day < date(2023, 6, 1):
        return 0.5
    return 1.0 + 0.08 * (day.year - 2023) if day.year >= 2023 else 1.0


def _months(last: date):
    day = FIRST
    while day <= last:
        yield day
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)


def rows(slug_index: int, prefecture: str, last: date) -> list[list[str]]:
    found = [["measure", "period", "country", "prefecture", "value", "status", "source"]]
    for day in _months(last):
        for country, sizes in MARKETS.items():
            factor = _season(day.month, country) * _recovery(day)
            period = f"{day.year}-{day.month:02d}"
            source = "見本データ（sample）"
            found.append(
                [
                    "overnight_stays",
                    period,
                    country,
                    prefecture,
                    str(round(sizes[slug_index] * factor)),
                    "final",
                    source,
                ]
            )
            if slug_index == 0:  # Japan's figures once
                found.append(
                    [
                        "visitor_arrivals",
                        period,
                        country,
                        "",
                        str(round(sizes[2] * factor)),
                        "final",
                        source,
                    ]
                )
                found.append(
                    [
                        "overnight_stays",
                        period,
                        country,
                        "",
                        str(round(sizes[2] * 3.1 * factor)),
                        "final",
                        source,
                    ]
                )
    return found


# The built-in measures as migration 0002 adds them; a test database flushed since lacks them.
BUILT_IN = (
    ("visitor_arrivals", "訪日外客数", "Visitor arrivals", "人"),
    ("overnight_stays", "外国人延べ宿泊者数", "Overnight stays by foreign guests", "人泊"),
    ("export_value", "輸出額", "Export value", "円"),
    ("export_quantity", "輸出数量", "Export quantity", ""),
)


def built_in_measures() -> None:
    """Make sure the built-in measures exist (idempotent)."""
    for key, name_ja, name_en, unit in BUILT_IN:
        Measure.objects.get_or_create(
            key=key,
            owner=None,
            defaults={"name_ja": name_ja, "name_en": name_en, "unit": unit, "is_public": True},
        )


def load(write) -> None:
    built_in_measures()
    today = timezone.localdate()
    last = date(today.year - (today.month < 3), (today.month - 3) % 12 + 1, 1)  # 2 months ago
    for slug_index, (slug, prefecture, _n) in enumerate(PREFECTURES):
        owner = Organisation.objects.get(slug=slug)
        checked = importer.check(rows(slug_index, prefecture, last), owner.pk)
        if checked.problems:  # the figures are ours: a problem is a bug
            raise ValueError("; ".join(map(str, checked.problems[:5])))
        actor = Actor(via="cli", _roles={owner.pk: Role.ADMIN})
        job = services.import_rows(actor, owner.pk, checked.rows, "demo", sample=True)
        write(f"statistics (sample) for {slug}: {job.created} added, {job.unchanged} unchanged")
