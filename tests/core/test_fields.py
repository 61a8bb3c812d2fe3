"""CodeSetField: a small set of codes in one column, found one code at a time."""

import pytest

from glocal.partners.models import PartnerProfile
from glocal.places.models import LocalGovernment

pytestmark = pytest.mark.django_db


def test_a_set_of_codes_round_trips_and_is_found_by_one_code(home_org):
    places = LocalGovernment.objects.municipalities().order_by("code")[:3]
    for place, countries in zip(places, (["US", "CA", "US"], ["CAN"], []), strict=True):
        PartnerProfile.objects.create(owner=home_org, local_government=place, countries=countries)
    first = PartnerProfile.objects.get(local_government=places[0])
    assert first.countries == ["CA", "US"]  # sorted, once each
    found = PartnerProfile.objects.filter(countries__has="CA")
    assert list(found.values_list("local_government", flat=True)) == [places[0].pk]  # not CAN
    assert PartnerProfile.objects.get(local_government=places[2]).countries == []
    assert PartnerProfile.objects.filter(countries__has="%").count() == 0  # LIKE escaped
