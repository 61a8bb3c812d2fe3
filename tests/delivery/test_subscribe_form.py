"""The subscription form starts on the organisation that issues notices for the area, and names
places one way in a list."""

import re

import pytest

from glocal.orgs.models import Organisation
from glocal.places.models import LocalGovernment

pytestmark = pytest.mark.django_db


def test_the_prefectures_government_is_the_default_publisher(client, home_org):
    fukushima = LocalGovernment.objects.get(code="070009")
    Organisation.objects.create(  # an association of the same prefecture, named to sort first
        slug="aaa", name="ああ国際交流協会", name_en="AA association",
        kind=Organisation.Kind.INTERNATIONAL_ASSOCIATION, local_government=fukushima,
    )  # fmt: skip
    Organisation.objects.create(
        slug="aizu", name="会津若松市", name_en="Aizuwakamatsu City",
        kind=Organisation.Kind.MUNICIPALITY,
        local_government=LocalGovernment.objects.get(code="072028"),
    )  # fmt: skip
    page = client.get("/residents/en/subscribe/?area=070009").content.decode()
    options = re.findall(
        r'<option value="(\d+)">([^<]+)</option>',
        page.split('<select id="sub-organisation"')[1].split("</select>")[0],
    )
    assert options[0][1] == home_org.name_en
    assert len(options) == 3


def test_municipalities_are_named_one_way_in_a_list(client, home_org):
    fukushima_city = LocalGovernment.objects.get(code="072010")
    fukushima_city.names = {"vi": "thành phố Fukushima"}
    fukushima_city.save()
    page = client.get("/residents/vi/subscribe/?area=070009").content.decode()
    assert "thành phố Fukushima" not in page  # Tamura has no Vietnamese name: all romanised
    assert "Fukushima City" in page
    assert "Tamura City" in page
