"""The statistics page: a world map drawn from the shipped Natural Earth outline (nothing
fetched), every country outlined and those with contacts shaded, with a <title> each; the same
counts in a table; and a bar per category."""

import re

import pytest

from glocal.network import charts, services, worldmap

pytestmark = pytest.mark.django_db


def _bbox(path: str) -> tuple[float, float, float, float]:
    """West, south, east, north in degrees of an "M x y l dx dy … z" path (as drawn here)."""
    lons, lats = [], []
    for ring in re.findall(r"M([^l]+)l([^z]+)z", path):
        x, y = (float(v) for v in re.findall(r"-?\.?\d[\d.]*", ring[0]))
        numbers = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", ring[1])]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            lons.append(x - 180)
            lats.append(worldmap.NORTH - y)
    return min(lons), min(lats), max(lons), max(lats)


def test_countries_are_keyed_by_alpha_2_and_drawn_where_they_are():
    shapes = {s.code: s for s in worldmap.shapes() if s.code}
    assert {"JP", "TW", "US", "BR", "CA", "PE"} <= set(shapes)
    west, south, east, north = _bbox(shapes["JP"].path)
    assert (129 < west < 131, 30 < south < 32, 145 < east < 146.5, 45 < north < 46) == (True,) * 4
    west, south, east, north = _bbox(shapes["BR"].path)
    assert (-75 < west < -73, -34.5 < south < -33, -35.5 < east < -34, 4.5 < north < 5.5) == (
        True,
    ) * 4
    assert _bbox(shapes["US"].path)[0] < -160  # Alaska is part of it
    assert "AQ" not in shapes  # Antarctica is left out


def test_shapes_without_a_numeric_code_are_drawn_but_never_shaded():
    unkeyed = sorted(s.name for s in worldmap.shapes() if not s.code)
    assert unkeyed == ["Kosovo", "N. Cyprus", "Somaliland"]
    codes = [s.code for s in worldmap.shapes() if s.code]
    assert len(codes) == len(set(codes))  # one shape per country


def test_shades_and_legend():
    assert [charts.shade(n) for n in (1, 4, 5, 19, 20, 99, 100, 5000)] == [
        "#c6dbef", "#c6dbef", "#6baed6", "#6baed6", "#2171b5", "#2171b5", "#08306b", "#08306b"
    ]  # fmt: skip
    steps = charts.legend([{"code": "BR", "name": "ブラジル", "total": 37}])
    assert [s["label"] for s in steps] == ["1–4", "5–19", "20–99"]


def test_the_page_shades_countries_with_contacts_and_lists_the_same_counts(
    client, home_org, admin_of, owner
):
    actor = admin_of(home_org)
    for i, country in enumerate(["BR"] * 6 + ["JP", "TW", "SG"]):
        services.create_contact(actor, home_org.pk, {"name": f"Person {i}", "country": country,
                                                     "categories": ["jet"]})  # fmt: skip
    client.force_login(owner)
    page = client.get("/staff/network/statistics/").content.decode()
    svg = re.search(r'<svg class="world-map".*?</svg>', page, re.S)[0]
    assert svg.count("<path") == len(worldmap.shapes())  # every country outlined
    titles = re.findall(r'<path d="[^"]+" fill="(#[0-9a-f]{6})"><title>([^<]+)</title>', svg)
    assert sorted(titles) == sorted([("#6baed6", "ブラジル: 6"), ("#c6dbef", "日本: 1"),
                                     ("#c6dbef", "台湾: 1")])  # fmt: skip
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', page)
    assert ("ブラジル", "6") in rows
    assert ("シンガポール", "1") in rows
    # Singapore is too small for the 1:110m outline: the caption says so rather than hide it.
    assert "シンガポール (1)" in page
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing fetched


def test_an_organisation_without_contacts_gets_no_map(client, owner):
    client.force_login(owner)
    page = client.get("/staff/network/statistics/").content.decode()
    assert "world-map" not in page
