"""Importing contacts with duplicate detection against the contacts already kept, against a
plain csv.reader plus bulk insert of the same rows with no checks. Lower is better: the last
line is the import's time over the plain insert's (target ≤ 4).

    python bench/network.py [--size 100000]

The file has --size rows, a tenth of them duplicates (the same person re-spelt in kana/romaji
or with the e-mail in capitals) of the --size contacts already kept, which the import merges.
"""

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.update(
    GLOCAL_HOME=tempfile.mkdtemp(prefix="glocal-network-"),
    GLOCAL_ENV="test",
    DJANGO_SETTINGS_MODULE="glocal.settings",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

FAMILY = [
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"),
    ("伊藤", "いとう"), ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"),
]  # fmt: skip
SYLLABLES = list(
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"
)
COUNTRIES = ["CA", "US", "BR", "AU", "GB", "DE", "FR", "CN", "KR", "VN", "TH", "PH"]
LANGUAGES = ["en", "pt", "zh-Hans", "ko", "vi", "th", "ja", "es"]
HEADER = ["氏名", "ふりがな", "ローマ字", "区分", "国", "言語", "メール", "電話", "所属", "役職",
          "同意日", "備考"]  # fmt: skip


def person(i: int, rng: random.Random) -> list[str]:
    """A fictional person: a family name in kanji and a given name in kana (4 syllables)."""
    import jaconv

    from glocal.places.text import romanise

    family = rng.choice(FAMILY)
    given = "".join(rng.choice(SYLLABLES) for _ in range(4))
    romaji = f"{romanise(given).title()} {romanise(family[1]).title()}"
    category = rng.choice(["JET", "留学生", "県人会", ""])
    return [
        f"{family[0]} {jaconv.hira2kata(given)}", f"{family[1]} {given}", romaji, category,
        rng.choice(COUNTRIES), rng.choice(LANGUAGES), f"person{i}@example.org", "", "", "",
        "2024-04-01", "",
    ]  # fmt: skip


def csv_of(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    size = parser.parse_args().size
    from django.db import connection, transaction

    from glocal.core.uploads import COMMAND_LINE
    from glocal.network import importer, services
    from glocal.network.models import Contact
    from glocal.orgs.actors import Actor
    from glocal.orgs.models import Organisation, Role
    from glocal.places.reference import load_reference

    call_command("migrate", verbosity=0)
    load_reference(progress=False)
    owner = Organisation.objects.create(slug="bench", name="Bench", kind="prefecture")
    actor = Actor(via="cli", _roles={owner.pk: Role.ADMIN})
    rng = random.Random(7)
    kept = [person(i, rng) for i in range(size)]
    checked = importer.check(
        importer.read_table(csv_of(kept), "kept.csv", limits=COMMAND_LINE), owner_id=owner.pk
    )
    services.import_rows(actor, owner.pk, checked, "kept.csv")
    fresh = [person(size + i, rng) for i in range(size - size // 10)]
    again = [[*row[:6], row[6].upper(), *row[7:]] for row in rng.sample(kept, size // 10)]
    data = csv_of(fresh + again)

    started = time.perf_counter()
    checked = importer.check(
        importer.read_table(data, "new.csv", limits=COMMAND_LINE), owner_id=owner.pk
    )
    report = services.import_rows(actor, owner.pk, checked, "new.csv")
    ours = time.perf_counter() - started
    assert not checked.problems
    print(f"created={report.created} of {len(fresh)} new rows, merged={len(checked.duplicates)}")

    # The reference: the same rows read with csv.reader and inserted in bulk, nothing checked.
    plain_owner = Organisation.objects.create(slug="plain", name="Plain", kind="prefecture")
    started = time.perf_counter()
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    next(reader)
    with transaction.atomic():
        Contact.objects.bulk_create(
            (
                Contact(
                    owner_id=plain_owner.pk,
                    name=r[0],
                    kana=r[1],
                    romaji=r[2],
                    language=r[5],
                    email=r[6],
                )
                for r in reader
            ),
            batch_size=2000,
        )
    plain = time.perf_counter() - started
    print(f"database={connection.vendor} size={size} kept={size} duplicates={len(again)}")
    print(f"import={ours:.2f}s plain={plain:.2f}s")
    print(f"ratio={ours / plain:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
