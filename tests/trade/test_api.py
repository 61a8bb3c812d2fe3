import json

import pytest

from glocal.orgs.models import Role
from glocal.trade.models import Exporter, Measure, MeasureVersion, PromotionProject

URL = "/api/v1/trade/restrictions"


def post(client, url, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.mark.django_db
def test_anyone_queries_restrictions_by_date_product_and_prefecture(client, hong_kong):
    found = client.get(URL, {"country": "HK", "prefecture": "040002", "product": "03",
                             "on": "2014-01-01"}).json()  # fmt: skip
    assert found["count"] == 1
    item = found["items"][0]
    assert item["country"] == "HK"
    assert item["measure"] == "suspension"
    assert item["effective_from"] == "2013-04-01"
    assert item["effective_to"] == "2018-07-26"
    assert "0302" not in item["products"]
    assert "03" in item["products"]
    after = client.get(URL, {"prefecture": "040002", "product": "0302", "on": "2018-07-26"})
    assert after.json()["count"] == 0
    # A municipality's code asks about its prefecture (Fukushima City → Fukushima).
    city = client.get(URL, {"prefecture": "072010", "product": "野菜", "on": "2019-01-01"})
    assert city.json()["count"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"prefecture": "999999"}, "prefecture"),
        ({"product": "9999"}, "product"),
        ({"product": "宝石"}, "product"),
        ({"on": "2020-13-01"}, "on"),
    ],
)
def test_unknown_values_are_4xx_naming_the_field(client, params, field):
    response = client.get(URL, params)
    assert response.status_code in (400, 422)
    assert field in response.content.decode()


@pytest.mark.django_db
def test_history_and_count_by_date(client, hong_kong):
    measure = Measure.objects.get()
    history = client.get(f"{URL}/{measure.pk}/history").json()
    assert [v["change"] for v in history] == ["imposed", "tightened", "eased", "lifted"]
    assert history[0]["recorded_by"] == "editor"
    counts = client.get(f"{URL}/count-by-date", {"from": "2011-01-01", "to": "2030-01-01"}).json()
    assert counts[0] == {"date": "2011-01-01", "countries": 0}
    assert {"date": "2011-03-24", "countries": 1} in counts
    assert counts[-1] == {"date": "2020-01-01", "countries": 0}


@pytest.mark.django_db
def test_editors_write_measures_and_versions(client, home_org, editor):
    client.force_login(editor)
    body = {"organisation": home_org.pk, "country": "CN", "measure": "輸入停止",
            "prefectures": "福島県、宮城県", "products": ["食品全般"],
            "effective_from": "H23.4.8", "reference": "MAFF"}  # fmt: skip
    created = post(client, URL, body)
    assert created.status_code == 201, created.content
    assert created.json()["prefectures"] == {"scope": "listed", "codes": ["040002", "070009"]}
    measure_id = created.json()["id"]
    lifted = post(
        client,
        f"{URL}/{measure_id}/versions",
        {"prefectures": "福島県", "products": "水産物", "effective_from": "R5.8.24"},
    )
    assert lifted.status_code == 201
    assert lifted.json()["change"] == "eased"
    assert MeasureVersion.objects.filter(measure_id=measure_id).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"country": "ZZ"}, "country"),
        ({"prefectures": "福島県、ナルニア"}, "prefectures"),
        ({"products": "9999"}, "products"),
        ({"measure": "embargo-ish"}, "measure"),
        ({"effective_to": "2011-01-01"}, "effective_to"),
        ({"effective_from": "平成31年5月1日"}, "effective_from"),
    ],
)
def test_bad_measures_are_refused_and_nothing_is_written(client, home_org, editor, change, field):
    client.force_login(editor)
    body = {"organisation": home_org.pk, "country": "CN", "measure": "suspension",
            "prefectures": "福島県", "products": "03", "effective_from": "2011-04-08"}  # fmt: skip
    body |= change
    response = post(client, URL, body)
    assert response.status_code == 422
    assert field in response.content.decode()
    assert not MeasureVersion.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "member", "anonymous"])
def test_only_editors_of_the_owner_write(client, home_org, persona, request, hong_kong):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    measure = Measure.objects.get()
    body = {"prefectures": "全都道府県", "products": "03", "effective_from": "2024-01-01"}
    response = post(client, f"{URL}/{measure.pk}/versions", body)
    assert response.status_code in (401, 403)
    assert MeasureVersion.objects.count() == 4


@pytest.fixture
def promotion(home_org, editor, actor_for):
    from datetime import date

    from glocal.places.models import Country
    from glocal.trade import services

    actor = actor_for(editor)
    exporter = services.save_exporter(
        actor, home_org.pk, {"company": "会津酒造", "contact_email": "sake@example.jp"}
    )
    project = services.save_project(
        actor, home_org.pk,
        {"title": "台北食品展", "kind": "expo_booth", "country": Country.objects.get(code="TW"),
         "starts_on": date(2024, 6, 1), "negotiations": 12, "contracts": 3,
         "exporters": [exporter.pk]},
    )  # fmt: skip
    return exporter, project


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_outsiders_see_no_exporter_or_project(
    client, promotion, persona, request, issue_token, other_org
):
    exporter, project = promotion
    if persona == "outsider":
        client.force_login(request.getfixturevalue(persona))
    for url in ("/api/v1/trade/exporters", "/api/v1/trade/projects"):
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 401
        else:
            assert response.json() == {"items": [], "count": 0}
    for url in (f"/api/v1/trade/exporters/{exporter.pk}", f"/api/v1/trade/projects/{project.pk}"):
        assert client.get(url).status_code in (401, 404)
    token = issue_token(other_org, Role.ADMIN)
    body = {"organisation": project.owner_id, "company": "乗っ取り"}
    assert post(client, "/api/v1/trade/exporters", body, token).status_code == 403
    assert Exporter.objects.count() == 1


@pytest.mark.django_db
def test_members_read_exporters_and_projects_and_reads_are_audited(client, promotion, member):
    from glocal.orgs.models import AuditEvent

    exporter, project = promotion
    client.force_login(member)
    assert client.get("/api/v1/trade/exporters").json()["count"] == 1
    assert client.get(f"/api/v1/trade/exporters/{exporter.pk}").json()["company"] == "会津酒造"
    assert AuditEvent.objects.filter(action="read", object_id=str(exporter.pk)).exists()
    got = client.get(f"/api/v1/trade/projects/{project.pk}").json()
    assert got["contracts"] == 3
    assert got["exporters"] == [exporter.pk]
    assert PromotionProject.objects.get().is_public is False
