"""Demo: import restrictions as they stood on 31 December 2024 by the public sources named in
each row, imported the way an office would; rows whose dates or scope could not be checked
(no internet while this was written) carry 例示 (illustrative) and are marked on every page.
The EU's measure (places loads the EU under ISO's reserved code) is imposed in 2011, eased in
steps and lifted on 3 August 2023; each step names its Commission regulation and EUR-Lex
address, but the prefectures and products of each step are approximated, so all are 例示.
Exporters and the two promotion projects are fictional."""

from datetime import date
from pathlib import Path

from glocal.orgs.actors import Actor, acting_as
from glocal.orgs.models import Organisation, Role
from glocal.places.models import Country
from glocal.trade import importer, services
from glocal.trade.models import Exporter

ORDER = 35  # before plans (40), whose derived indicators count these measures
FILE = Path(__file__).resolve().parent / "data" / "demo_measures.csv"
AS_OF = date(2024, 12, 31)


def load(write) -> None:
    owner = Organisation.objects.get(slug="fukushima-pref")
    actor = Actor(via="cli", _roles={owner.pk: Role.ADMIN})
    checked = importer.check(importer.read_table(FILE.read_bytes(), FILE.name))
    if checked.problems:  # the shipped file is ours: a problem is a bug
        raise ValueError("; ".join(map(str, checked.problems)))
    with acting_as(actor):
        recorded = importer.write(actor, owner.pk, checked.rows)
        _promotion(actor, owner)
    write(f"import restrictions as of {AS_OF}: {recorded} versions recorded")


def _promotion(actor, owner) -> None:
    if Exporter.objects.filter(owner=owner).exists():
        return  # loaded before
    sake = services.save_exporter(actor, owner.pk, {
        "company": "(架空)会津みらい酒造", "products": "清酒", "markets": ["TW", "US"],
        "contact_name": "(架空)山田", "contact_email": "export@sake.example",
    })  # fmt: skip
    peach = services.save_exporter(actor, owner.pk, {
        "company": "(架空)伊達ももファーム", "products": "もも、あんぽ柿", "markets": ["TH", "MY"],
        "contact_name": "(架空)佐藤", "contact_email": "info@momo.example",
    })  # fmt: skip
    services.save_project(actor, owner.pk, {
        "title": "(架空)台北国際食品見本市 福島県ブース", "kind": "expo_booth",
        "country": Country.objects.get(code="TW"), "partners": "(架空)県産品振興協会",
        "starts_on": date(2024, 6, 26), "ends_on": date(2024, 6, 29), "budget_yen": 4_800_000,
        "negotiations": 38, "contracts": 6, "estimated_sales_yen": 12_000_000,
        "media_reach": 250_000, "outcomes": "(架空)清酒の商談が好調。果実は検疫条件の確認が課題。",
        "exporters": [sake.pk],
    })  # fmt: skip
    services.save_project(actor, owner.pk, {
        "title": "(架空)在タイ日本国大使館での福島の桃試食・商談会", "kind": "mission_event",
        "country": Country.objects.get(code="TH"), "partners": "(架空)在タイ日本国大使館",
        "starts_on": date(2024, 8, 20), "negotiations": 15, "contracts": 2,
        "estimated_sales_yen": 3_500_000, "media_reach": 40_000,
        "outcomes": "(架空)招へいしたブロガーの発信で認知が拡大。", "exporters": [peach.pk],
    })  # fmt: skip
