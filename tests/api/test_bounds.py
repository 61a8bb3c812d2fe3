"""What a client sends is refused with a 422 when the database could not hold it, on SQLite and
PostgreSQL alike, and nothing is written. Before the bounds, an offset or id past 2^63-1 was a
500 on both databases, and a long title or a huge population a 500 on PostgreSQL (SQLite stored
them)."""

import json
import math
import re
from datetime import UTC, datetime

import pytest

from glocal.api.limits import MAX_LIMIT, MAX_OFFSET
from glocal.notices.models import Notice, NoticeVersion
from glocal.orgs.models import ApiToken, Organisation, Role
from glocal.places.models import ForeignLocalGovernment
from glocal.plans.models import Actual, Indicator, Review, YearLock
from tests.api.conftest import error_of
from tests.api.test_openapi import SNAPSHOT

pytestmark = pytest.mark.django_db

PAST_BIGINT = 2**63  # 9223372036854775808: one past the largest id any column holds

LISTS = [
    "/api/v1/desk/cases",
    "/api/v1/events",
    "/api/v1/events/{event}/registrations",
    "/api/v1/notices",
    "/api/v1/notices/phrases",
    "/api/v1/network/contacts",
    "/api/v1/network/groups",
    "/api/v1/network/groups/{group}/members",
    "/api/v1/network/mailings",
    "/api/v1/network/organisations",
    "/api/v1/orgs",
    "/api/v1/orgs/{org}/audit",
    "/api/v1/orgs/{org}/members",
    "/api/v1/orgs/{org}/tokens",
    "/api/v1/partners/affiliations",
    "/api/v1/partners/profiles",
    "/api/v1/partners/requests",
    "/api/v1/places/countries",
    "/api/v1/places/countries/US/subdivisions",
    "/api/v1/places/foreign-governments",
    "/api/v1/places/municipalities",
    "/api/v1/places/prefectures",
    "/api/v1/plans",
    "/api/v1/plans/{plan}/indicators",
    "/api/v1/trade/exporters",
    "/api/v1/trade/projects",
    "/api/v1/trade/restrictions",
]


@pytest.fixture
def as_owner(client, owner):
    """The home organisation's administrator: every list above answers them."""
    client.force_login(owner)
    return client


def _url(template: str, home_org, plan) -> str:
    group = ""
    if "{group}" in template:
        from glocal.network.models import Group

        group = Group.objects.get_or_create(owner=home_org, name="bounds")[0].pk
    event = ""
    if "{event}" in template:
        from datetime import timedelta

        from django.utils import timezone

        from glocal.events.models import Event

        start = timezone.now() + timedelta(days=30)
        event = Event.objects.get_or_create(
            owner=home_org,
            kind="seminar",
            title={"ja": "範囲の確認"},
            defaults={"starts_at": start, "ends_at": start + timedelta(hours=2)},
        )[0].pk
    return template.format(org=home_org.pk, plan=plan.pk, group=group, event=event)


def test_every_paginated_list_is_covered(client):
    schema = client.get("/api/v1/openapi.json").json()
    paginated = {
        path.removeprefix("/api/v1")
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        if any(p["name"] == "offset" for p in operation.get("parameters", []))
    }
    listed = {t.removeprefix("/api/v1").replace("{org}", "{org_id}") for t in LISTS}
    listed = {t.replace("{plan}", "{plan_id}").replace("/US/", "/{code}/") for t in listed}
    listed = {t.replace("{group}", "{group_id}").replace("{event}", "{event_id}") for t in listed}
    assert paginated == listed


@pytest.mark.parametrize("template", LISTS)
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("offset", PAST_BIGINT),
        ("offset", MAX_OFFSET + 1),
        ("offset", -1),
        ("limit", PAST_BIGINT),
        ("limit", MAX_LIMIT + 1),
        ("limit", 0),
        ("offset", "1e3"),
    ],
)
def test_out_of_range_pages_are_refused(as_owner, home_org, plan, template, name, value):
    response = as_owner.get(_url(template, home_org, plan), {name: value})
    assert response.status_code == 422, response.content
    assert [f["field"] for f in error_of(response)["fields"]] == [name]


@pytest.mark.parametrize("template", LISTS)
def test_the_last_allowed_page_is_empty_not_an_error(as_owner, home_org, plan, template):
    response = as_owner.get(
        _url(template, home_org, plan), {"offset": MAX_OFFSET, "limit": MAX_LIMIT}
    )
    assert response.status_code == 200
    assert response.json()["items"] == []


def _integer_path_parameters():
    """(method, path, name) of every integer path parameter in the published API (the snapshot
    is the live document: test_openapi checks that)."""
    schema = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
                    name = parameter["name"]
                    yield pytest.param(method, path, name, id=f"{method} {path} {name}")


def _path_with(path: str, name: str, value, home_org, plan) -> str:
    """The path with `value` for `name` and a real record (or 1) for the other parameters."""
    real = {"org_id": home_org.pk, "plan_id": plan.pk, "fy": 2025, "code": "US"}
    for parameter in re.findall(r"{(\w+)}", path):
        filled = value if parameter == name else real.get(parameter, 1)
        path = path.replace("{" + parameter + "}", str(filled))
    return path


@pytest.mark.parametrize(("method", "path", "name"), list(_integer_path_parameters()))
@pytest.mark.parametrize("value", [0, -1, PAST_BIGINT])
def test_ids_past_the_column_are_refused(as_owner, home_org, plan, method, path, name, value):
    url = _path_with(path, name, value, home_org, plan)
    response = getattr(as_owner, method)(url, content_type="application/json")
    assert response.status_code == 422, response.content
    assert error_of(response)["fields"][0]["field"] == name


# Creates and updates: each out-of-range value is a 422 naming the field, and nothing is written.


def _send(client, method: str, url: str, body) -> object:
    # allow_nan: NaN and Infinity go out as the bare literals Python's JSON reader accepts.
    data = json.dumps(body, allow_nan=True)
    return getattr(client, method)(url, data, content_type="application/json")


def _refused(response, field: str) -> None:
    assert response.status_code == 422, response.content
    fields = [f["field"] for f in error_of(response)["fields"]]
    assert any(f == field or f.startswith(field + ".") for f in fields), fields


def _notice(home_org, **changes) -> dict:
    return {
        "organisation": home_org.pk,
        "category": "shelter",
        "severity": "warning",
        "prefecture": "070009",
        "texts": {"ja": {"title": "避難所を開設しました", "body": "本文"}},
        **changes,
    }


NOTICE_INPUTS = [
    ("organisation", {"organisation": PAST_BIGINT}),
    ("organisation", {"organisation": 0}),
    ("texts", {"texts": {"ja": {"title": "避" * 301, "body": ""}}}),
    ("texts", {"texts": {"ja": {"title": "避難所", "body": "あ" * 20_001}}}),
    ("texts", {"texts": {"x" * 17: {"title": "避難所"}}}),
    ("texts", {"texts": {"ja": {"title": "避難\x00所"}}}),
    ("prefecture", {"prefecture": "0" * 17}),
    ("municipalities", {"municipalities": ["072028"] * 501}),
    ("phrases", {"phrases": ["shelter.opened"] * 51}),
    ("slots", {"slots": {"date": "1" * 301}}),
]


@pytest.mark.parametrize(("field", "changes"), NOTICE_INPUTS)
def test_notice_out_of_range_is_not_written(client, editor, home_org, field, changes):
    client.force_login(editor)
    before = Notice.objects.count()
    _refused(_send(client, "post", "/api/v1/notices", _notice(home_org, **changes)), field)
    assert Notice.objects.count() == before


@pytest.mark.parametrize(("field", "changes"), NOTICE_INPUTS[2:])
def test_notice_revision_out_of_range_is_not_written(client, editor, draft, field, changes):
    client.force_login(editor)
    versions = NoticeVersion.objects.filter(notice=draft).count()
    _refused(_send(client, "patch", f"/api/v1/notices/{draft.pk}", changes), field)
    assert NoticeVersion.objects.filter(notice=draft).count() == versions


def test_a_300_character_title_is_kept(client, editor, home_org):
    client.force_login(editor)
    body = _notice(home_org, texts={"ja": {"title": "避" * 300, "body": ""}})
    response = _send(client, "post", "/api/v1/notices", body)
    assert response.status_code == 201
    assert response.json()["texts"]["ja"]["title"] == "避" * 300


@pytest.mark.parametrize("organisation", [PAST_BIGINT, 0])
def test_compose_for_an_impossible_organisation(client, organisation):
    body = {"phrases": ["shelter.opened"], "organisation": organisation}
    _refused(_send(client, "post", "/api/v1/notices/compose", body), "organisation")


@pytest.mark.parametrize("organisation", [PAST_BIGINT, -1])
def test_notices_of_an_impossible_organisation(client, organisation):
    _refused(client.get("/api/v1/notices", {"organisation": organisation}), "organisation")


def _foreign(home_org, **changes) -> dict:
    return {
        "owner_id": home_org.pk,
        "country": "US",
        "name_local": "Des Moines",
        "name_en": "Des Moines",
        **changes,
    }


FOREIGN_INPUTS = [
    ("population", {"population": 1e20}),
    ("population", {"population": 2**31}),
    ("population", {"population": -1}),
    ("latitude", {"latitude": math.nan}),
    ("latitude", {"latitude": math.inf}),
    ("latitude", {"latitude": 91}),
    ("longitude", {"longitude": -math.inf}),
    ("longitude", {"longitude": 180.5}),
    ("name_local", {"name_local": "D" * 201}),
    ("name_en", {"name_en": "D" * 201}),
    ("name_ja", {"name_ja": "デ" * 201}),
    ("kind", {"kind": "k" * 17}),
    ("subdivision", {"subdivision": "US-" + "I" * 20}),
    ("name_en", {"name_en": "Des\x00Moines"}),
]


@pytest.mark.parametrize(("field", "changes"), FOREIGN_INPUTS)
def test_foreign_government_out_of_range_is_not_written(client, owner, home_org, field, changes):
    client.force_login(owner)
    url = "/api/v1/places/foreign-governments"
    _refused(_send(client, "post", url, _foreign(home_org, **changes)), field)
    assert not ForeignLocalGovernment.objects.exists()


@pytest.mark.parametrize(("field", "changes"), FOREIGN_INPUTS)
def test_foreign_government_update_out_of_range_is_not_written(
    client, owner, home_org, field, changes
):
    client.force_login(owner)
    made = _send(client, "post", "/api/v1/places/foreign-governments", _foreign(home_org))
    record = ForeignLocalGovernment.objects.get(pk=made.json()["id"])
    url = f"/api/v1/places/foreign-governments/{record.pk}"
    _refused(_send(client, "patch", url, changes), field)
    fresh = ForeignLocalGovernment.objects.get(pk=record.pk)
    assert (fresh.population, fresh.latitude, fresh.name_en) == (None, None, "Des Moines")


def test_the_largest_population_and_the_poles_are_kept(client, owner, home_org):
    client.force_login(owner)
    body = _foreign(home_org, population=2**31 - 1, latitude=-90, longitude=180)
    response = _send(client, "post", "/api/v1/places/foreign-governments", body)
    assert response.status_code == 201
    assert response.json()["population"] == 2**31 - 1


def test_owner_id_past_the_column(client, owner, home_org):
    client.force_login(owner)
    body = _foreign(home_org, owner_id=PAST_BIGINT)
    _refused(_send(client, "post", "/api/v1/places/foreign-governments", body), "owner_id")
    assert not ForeignLocalGovernment.objects.exists()


ORGANISATION_INPUTS = [
    ("slug", {"slug": "a" * 65}),
    ("name", {"name": "会" * 201}),
    ("name", {"name": ""}),
    ("name_en", {"name_en": "A" * 201}),
    ("local_government", {"local_government": "0" * 17}),
]


@pytest.mark.parametrize(("field", "changes"), ORGANISATION_INPUTS)
def test_organisation_out_of_range_is_not_written(client, admin_user, field, changes):
    client.force_login(admin_user)
    body = {"slug": "aizu", "name": "会津若松市", "kind": "municipality", **changes}
    _refused(_send(client, "post", "/api/v1/orgs", body), field)
    assert not Organisation.objects.filter(slug__in=["aizu", "a" * 65]).exists()


@pytest.mark.parametrize(("field", "changes"), ORGANISATION_INPUTS[1:])
def test_organisation_update_out_of_range_is_not_written(client, owner, home_org, field, changes):
    client.force_login(owner)
    before = (home_org.name, home_org.name_en)
    _refused(_send(client, "patch", f"/api/v1/orgs/{home_org.pk}", changes), field)
    home_org.refresh_from_db()
    assert (home_org.name, home_org.name_en) == before


@pytest.mark.parametrize("name", ["t" * 101, "", "a\x00b"])
def test_token_name_out_of_range_is_not_issued(client, owner, home_org, name):
    client.force_login(owner)
    url = f"/api/v1/orgs/{home_org.pk}/tokens"
    _refused(_send(client, "post", url, {"name": name, "role": Role.VIEWER}), "name")
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("fiscal_year", {"fiscal_year": PAST_BIGINT, "values": {}}),
        ("fiscal_year", {"fiscal_year": 32768, "values": {}}),
        ("fiscal_year", {"fiscal_year": -2025, "values": {}}),
        ("values", {"fiscal_year": 2025, "values": {"1": "9" * 101}}),
        ("values", {"fiscal_year": 2025, "values": {"1" * 21: "1"}}),
    ],
)
def test_actuals_out_of_range_are_not_written(client, owner, plan, field, body):
    client.force_login(owner)
    indicator = Indicator.objects.get(node__plan=plan)
    body["values"] = {k if k != "1" else str(indicator.pk): v for k, v in body["values"].items()}
    _refused(_send(client, "post", f"/api/v1/plans/{plan.pk}/actuals", body), field)
    assert not Actual.objects.filter(indicator=indicator, fiscal_year=2025).exists()


@pytest.mark.parametrize("fy", [PAST_BIGINT, 32768, 999, 10_000])
def test_fiscal_year_in_the_path_out_of_range(client, owner, plan, fy):
    client.force_login(owner)
    _refused(_send(client, "post", f"/api/v1/plans/{plan.pk}/locks/{fy}", {}), "fy")
    url = f"/api/v1/plans/{plan.pk}/reviews/{fy}"
    _refused(_send(client, "post", url, {"reviews": {}}), "fy")
    _refused(client.get(f"/api/v1/plans/{plan.pk}", {"fy": fy}), "fy")
    assert not YearLock.objects.exists()


@pytest.mark.parametrize(
    "review", [{"evaluation": "評" * 20_001}, {"next_step": "次" * 20_001}, {"evaluation": "\x00"}]
)
def test_review_out_of_range_is_not_written(client, owner, plan, review):
    client.force_login(owner)
    url = f"/api/v1/plans/{plan.pk}/reviews/2025"
    _refused(_send(client, "post", url, {"reviews": {"1": review}}), "reviews")
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/places/municipalities", "q"),
        ("/api/v1/places/municipalities", "prefecture"),
        ("/api/v1/places/foreign-governments", "country"),
        ("/api/v1/orgs", "q"),
        ("/api/v1/notices", "area"),
    ],
)
@pytest.mark.parametrize("value", ["x" * 201, "a\x00b"])
def test_search_words_and_codes_are_bounded(client, url, name, value):
    if name != "q" and len(value) > 200:
        value = "0" * 17
    _refused(client.get(url, {name: value}), name)


@pytest.mark.parametrize("value", ["0" * 17, "07\x002028"])
def test_place_codes_in_the_path_are_bounded(client, value):
    _refused(client.get(f"/api/v1/places/municipalities/{value}"), "code")


@pytest.mark.parametrize(
    "when", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "3000-01-02T00:00:00+09:00"]
)
def test_times_past_the_calendar_are_refused(client, editor, home_org, when):
    client.force_login(editor)
    body = _notice(home_org, valid_from=when)
    _refused(_send(client, "post", "/api/v1/notices", body), "valid_from")
    assert not Notice.objects.exists()


def test_a_time_without_offset_is_read_in_japan(client, editor, home_org):
    client.force_login(editor)
    body = _notice(home_org, valid_from="2026-04-01T09:00:00")
    response = _send(client, "post", "/api/v1/notices", body)
    assert response.status_code == 201
    valid_from = datetime.fromisoformat(response.json()["valid_from"])
    assert valid_from == datetime(2026, 4, 1, 0, 0, tzinfo=UTC)  # 09:00 in Japan
