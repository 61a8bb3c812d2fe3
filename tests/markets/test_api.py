"""/api/v1/markets: series (public official statistics), scores, country profiles."""

import pytest

from glocal.core import registry
from glocal.markets.models import Statistic
from tests.markets.conftest import monthly


@pytest.fixture
def arrivals(load_figures):
    rows = monthly("visitor_arrivals", "TW", "", 2024, range(100, 112))
    rows += [["visitor_arrivals", "2025-01", "TW", "", "", "500", "preliminary"]]
    return load_figures(rows)


def test_a_series_is_public_in_period_order(client, arrivals):
    response = client.get(
        "/api/v1/markets/series?measure=visitor_arrivals&country=TW&from=2024-11&to=令和7年1月"
    )
    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {"period": "2024-11", "value": 110.0, "status": "final", "sample": False},
            {"period": "2024-12", "value": 111.0, "status": "final", "sample": False},
            {"period": "2025-01", "value": 500.0, "status": "preliminary", "sample": False},
        ],
        "count": 3,
    }


def test_a_final_figure_wins_over_another_organisations_preliminary(
    client, arrivals, load_figures, other_org
):
    load_figures([["visitor_arrivals", "2025-01", "TW", "", "", "520", "final"]], other_org)
    items = client.get(
        "/api/v1/markets/series?measure=visitor_arrivals&country=TW&from=2025-01"
    ).json()["items"]
    assert items == [{"period": "2025-01", "value": 520.0, "status": "final", "sample": False}]


def test_private_figures_are_for_their_organisation_only(
    client, arrivals, home_org, member, outsider
):
    Statistic.objects.filter(owner=home_org).update(is_public=False)
    url = "/api/v1/markets/series?measure=visitor_arrivals&country=TW"
    assert client.get(url).json()["count"] == 0
    client.force_login(outsider)
    assert client.get(url).json()["count"] == 0
    client.force_login(member)
    assert client.get(url).json()["count"] == 13


def test_an_organisations_own_measure_is_private_to_it(client, home_org, issue_token, other_org):
    from glocal.markets import services
    from glocal.orgs.actors import Actor
    from glocal.orgs.models import Role

    services.define_measure(
        Actor(_roles={home_org.pk: Role.ADMIN}), home_org.pk, "ski", "スキー客", "Skiers"
    )
    assert client.get("/api/v1/markets/series?measure=ski").status_code == 422
    other = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(other_org)}"}
    assert client.get("/api/v1/markets/series?measure=ski", **other).status_code == 422
    mine = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(home_org)}"}
    assert client.get("/api/v1/markets/series?measure=ski", **mine).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "measure=tourists",
        "measure=visitor_arrivals&from=last+spring",
        "measure=visitor_arrivals&to=2025-13",
        "measure=visitor_arrivals&hs_code=08.08",
        "measure=visitor_arrivals&country=TWN",
        "measure=" + "x" * 41,
        "",
    ],
)
def test_bad_series_queries_are_422(client, db, query):
    response = client.get("/api/v1/markets/series?" + query)
    assert response.status_code == 422
    assert "error" in response.json()


def test_scores_add_up_and_are_public(client, yamagata_markets):
    response = client.get("/api/v1/markets/scores?prefecture=06")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(body["items"]) >= 2
    first = body["items"][0]
    assert first["country"] == "TW"
    assert first["score"] == round(sum(f["points"] for f in first["factors"]), 1)
    assert {"name", "label", "points", "reason"} <= set(first["factors"][0])


@pytest.mark.parametrize("query", ["prefecture=99", "prefecture=070017", "", "prefecture=0"])
def test_scores_for_no_prefecture_are_422(client, db, query):
    assert client.get("/api/v1/markets/scores?" + query).status_code == 422


def test_a_country_profile_gathers_the_registered_sections(client, db, monkeypatch):
    sections = dict(registry.COUNTRY_SECTIONS)
    monkeypatch.setattr(registry, "COUNTRY_SECTIONS", sections)

    @registry.country_section("test.fake", "Fake", "core/country_section.html", order=1)
    def fake(actor, country):
        if country.code != "TW":
            return None
        return {"summary": "seen by " + ("member" if actor.is_authenticated else "anyone")}

    body = client.get("/api/v1/markets/countries/tw").json()
    assert body["country"] == "TW"
    assert body["name_ja"] == "台湾"
    assert {"key": "test.fake", "title": "Fake", "data": {"summary": "seen by anyone"}} in (
        body["sections"]
    )
    other = client.get("/api/v1/markets/countries/FR").json()
    assert "test.fake" not in [s["key"] for s in other["sections"]]
    assert client.get("/api/v1/markets/countries/XX").status_code == 404
