import pytest

pytestmark = pytest.mark.django_db


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["status"] == response.status_code
    return body["error"]


def test_municipality_by_code_without_login(client):
    response = client.get("/api/v1/places/municipalities/072028")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "会津若松市"
    assert body["kana"] == "あいづわかまつし"
    assert body["name_en"] == "Aizuwakamatsu City"
    assert body["prefecture"]["code"] == "070009"


@pytest.mark.parametrize(("code", "name"), [("011002", "札幌市"), ("131016", "千代田区")])
def test_pinned_codes_come_back(client, code, name):
    assert client.get(f"/api/v1/places/municipalities/{code}").json()["name"] == name


def test_five_digit_code_without_check_digit(client):
    assert client.get("/api/v1/places/municipalities/07202").json()["code"] == "072028"


def test_prefecture_by_code(client):
    body = client.get("/api/v1/places/prefectures/070009").json()
    assert body["name"] == "福島県"


def test_search_returns_every_town_of_a_name(client):
    body = client.get("/api/v1/places/municipalities", {"q": "池田町"}).json()
    assert body["count"] == 4
    assert {item["prefecture"]["name"] for item in body["items"]} == {
        "北海道",
        "福井県",
        "長野県",
        "岐阜県",
    }
    assert set(body["items"][0]) >= {"code", "name", "kana", "name_en", "prefecture"}


def test_prefecture_list_is_paginated(client):
    body = client.get("/api/v1/places/prefectures", {"limit": 10, "offset": 40}).json()
    assert body["count"] == 47
    assert [item["name"] for item in body["items"]][-1] == "沖縄県"
    assert len(body["items"]) == 7


def test_municipalities_filtered_by_prefecture(client):
    body = client.get(
        "/api/v1/places/municipalities", {"prefecture": "070009", "kind": "city", "limit": 100}
    ).json()
    assert body["count"] == 13  # Fukushima's thirteen cities
    assert "会津若松市" in [item["name"] for item in body["items"]]


def test_unknown_code_is_404_json(client):
    response = client.get("/api/v1/places/municipalities/072991")
    assert response.status_code == 404
    assert "072991" in error_of(response)["message"]


def test_bad_check_digit_is_422_naming_it(client):
    response = client.get("/api/v1/places/municipalities/072029", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "check digit" in error_of(response)["message"]


def test_prefecture_asked_for_as_municipality_is_404(client):
    response = client.get("/api/v1/places/municipalities/070009", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "prefecture" in error_of(response)["message"]


def test_invalid_query_parameter_names_the_field(client):
    response = client.get("/api/v1/places/prefectures", {"limit": "many"})
    assert response.status_code == 422
    assert error_of(response)["fields"][0]["field"] == "limit"


def test_unknown_endpoint_is_404_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.parametrize(("query", "code"), [("米国", "US"), ("韓国", "KR"), ("イギリス", "GB")])
def test_countries_by_alias(client, query, code):
    body = client.get("/api/v1/places/countries", {"q": query}).json()
    assert [item["code"] for item in body["items"]] == [code]


def test_country_with_aliases_and_subdivisions(client):
    us = client.get("/api/v1/places/countries/USA").json()
    assert us["code"] == "US"
    assert "米国" in us["aliases"]
    subdivisions = client.get("/api/v1/places/countries/US/subdivisions", {"q": "Iowa"}).json()
    assert subdivisions["items"][0] == {
        "code": "US-IA",
        "name": "Iowa",
        "name_ja": "アイオワ州",
        "kind": "State",
        "parent_code": None,
    }


def test_unknown_country_is_404(client):
    response = client.get("/api/v1/places/countries/XX")
    assert response.status_code == 404
    assert "XX" in error_of(response)["message"]


def test_openapi_document_and_docs_page(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/places/municipalities/{code}" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_error_messages_are_in_japanese_by_default(client):
    message = error_of(client.get("/api/v1/places/municipalities/072029"))["message"]
    assert "検査数字" in message
