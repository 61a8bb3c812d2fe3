"""The European Union as a restricting party: places loads it with the countries (ISO 3166-1
reserves EU for it without making it a country), and the trade app records its measures."""

import pytest

from glocal.places.models import Country
from glocal.places.reference import load_reference
from glocal.trade import services
from glocal.trade.models import Measure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["EU", "eu", "欧州連合", "European Union", "欧州連合（EU）"])
def test_the_european_union_is_found_by_the_names_offices_write(query):
    assert list(Country.objects.search(query).values_list("code", flat=True)) == ["EU"]
    eu = Country.objects.get(code="EU")
    assert (eu.alpha3, eu.numeric, eu.name_ja) == ("XEU", "", "欧州連合")


def test_loading_again_keeps_one_european_union():
    Country.objects.filter(code="EU").update(name_ja="EU?")
    report = load_reference(progress=False)
    assert report.updated["Country"] == 1
    assert load_reference(progress=False).changed is False
    assert Country.objects.filter(code="EU").count() == 1
    assert Country.objects.get(code="EU").name_ja == "欧州連合"


def test_an_eu_measure_is_lifted_and_gone_from_the_matrix(
    client, home_org, editor, actor_for, measure_data
):
    actor = actor_for(editor)
    imposed = measure_data(country="EU", products="食品全般", start="2011-03-25")
    services.record(actor, home_org.pk, imposed)
    lifted = measure_data(country="EU", products="きのこ", start="2021-10-10", end="2023-08-03")
    services.record(actor, home_org.pk, lifted)
    measure = Measure.objects.get(country__code="EU")
    assert list(measure.versions.values_list("change", flat=True)) == ["imposed", "lifted"]
    before = client.get("/trade/", {"prefecture": "070009", "on": "2023-08-02"}).content.decode()
    after = client.get("/trade/", {"prefecture": "070009", "on": "2023-08-03"}).content.decode()
    assert "欧州連合" in before
    assert "欧州連合" not in after


def test_the_demo_carries_the_eu_history_and_loads_twice(db):
    from glocal.orgs.models import Organisation
    from glocal.places.models import LocalGovernment
    from glocal.trade import demo

    Organisation.objects.create(
        slug="fukushima-pref", name="福島県", local_government=LocalGovernment.objects.get(
            code="070009"), kind=Organisation.Kind.PREFECTURE,
    )  # fmt: skip
    said = []
    demo.load(said.append)
    demo.load(said.append)
    assert said[-1].endswith(": 0 versions recorded")
    eu = Measure.objects.get(country__code="EU")
    versions = eu.versions.order_by("number")
    assert list(versions.values_list("change", flat=True)) == [
        "imposed",
        "eased",
        "eased",
        "eased",
        "lifted",
    ]
    lifted = versions.last()
    assert lifted.effective_to.isoformat() == "2023-08-03"
    assert "2023/1559" in lifted.reference
    assert all(v.illustrative and v.reference_url.startswith("https://eur-lex") for v in versions)
