import pytest

from glocal.places.models import Country
from glocal.trade import rules, services
from glocal.trade.models import MeasureKind


@pytest.fixture
def measure_data():
    """Build checked measure data the way the API and the importer do."""
    places = {}

    def make(country="HK", prefectures="福島県", products="野菜", start="2011-03-24", **extra):
        places.setdefault("p", rules.Places())
        scope, codes = places["p"].coverage(prefectures)
        hs_codes, terms = rules.products(products)
        start_on, end_on = rules.period(start, extra.pop("end", None))
        return rules.MeasureData(
            country=Country.objects.get(code=country),
            kind=extra.pop("kind", MeasureKind.SUSPENSION),
            title=extra.pop("title", ""),
            scope=scope,
            prefectures=codes,
            products=hs_codes,
            product_terms=terms,
            effective_from=start_on,
            effective_to=end_on,
            **extra,
        )

    return make


@pytest.fixture
def hong_kong(home_org, editor, actor_for, measure_data):
    """Imposed on 1 prefecture's vegetables in 2011, tightened to 5 prefectures and fishery
    products in 2013, eased to vegetables of 1 in 2018, lifted 2020 (a made-up history)."""
    actor = actor_for(editor)
    for data in (
        measure_data(prefectures="福島県", products="野菜", start="2011-03-24"),
        measure_data(prefectures="福島県、宮城県、茨城県、栃木県、群馬県",
                     products="野菜, 水産物", start="H25.4.1"),
        measure_data(prefectures="福島県", products="野菜", start="2018-07-26"),
        measure_data(prefectures="福島県", products="野菜", start="2018-07-26", end="2020-01-01"),
    ):  # fmt: skip
        services.record(actor, home_org.pk, data)
    return home_org
