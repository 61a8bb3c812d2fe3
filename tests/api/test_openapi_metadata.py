"""The OpenAPI document says how to authenticate and which errors each operation answers with,
and the API answers as it says."""

import pytest

from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


def _operations(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield method, path, operation


def test_session_cookie_and_bearer_token_are_declared(document, settings):
    schemes = document["components"]["securitySchemes"]
    assert schemes["session"] == {
        **schemes["session"],
        "type": "apiKey",
        "in": "cookie",
        "name": settings.SESSION_COOKIE_NAME,
    }
    assert (schemes["token"]["type"], schemes["token"]["scheme"]) == ("http", "bearer")


def test_writes_need_a_session_or_a_token_and_say_so(document, client):
    writes = [
        (method, path, operation)
        for method, path, operation in _operations(document)
        if method in ("post", "put", "patch", "delete")
    ]
    assert writes
    for method, path, operation in writes:
        security = operation.get("security")
        if {} in (security or [{}]):
            continue  # open to anyone (compose, check): nothing to refuse
        assert security == [{"session": []}, {"token": []}], (method, path)
        assert {"401", "403"} <= set(operation["responses"]), (method, path)
    refused = client.post("/api/v1/notices", {}, content_type="application/json")
    assert refused.status_code == 401
    assert error_of(refused)["code"] == "unauthenticated"


def test_public_reference_data_needs_no_security(document):
    operation = document["paths"]["/api/v1/places/prefectures"]["get"]
    assert "security" not in operation
    assert "401" not in operation["responses"]


def test_optional_login_is_declared_as_optional(document):
    assert document["paths"]["/api/v1/notices"]["get"]["security"][0] == {}


def test_every_error_answer_is_the_one_error_shape(document):
    error = {"$ref": "#/components/schemas/ErrorOut"}
    fields = document["components"]["schemas"]["ErrorDetailOut"]["required"]
    assert set(fields) == {"status", "code", "message", "fields"}
    for method, path, operation in _operations(document):
        for status, response in operation["responses"].items():
            if status.startswith("4"):
                assert response["content"]["application/json"]["schema"] == error
        if operation.get("parameters") or "requestBody" in operation:
            assert "422" in operation["responses"], (method, path)
        if "requestBody" in operation:
            assert "413" in operation["responses"], (method, path)


def test_declared_422_is_what_comes_back(client, document):
    declared = document["paths"]["/api/v1/places/prefectures"]["get"]["responses"]
    response = client.get("/api/v1/places/prefectures", {"limit": 0})
    assert str(response.status_code) in declared
    assert error_of(response)["fields"][0]["field"] == "limit"
