"""Each attack from the partnerships review, reproduced: outsiders, other organisations'
administrators, viewers and anonymous callers are refused, bad input is 422 with nothing
written, and exports carry only what their reader may see, without live formulas."""

import csv
import io
import json

import pytest
from django.utils.html import escape
from openpyxl import load_workbook

from glocal.orgs.models import Membership, Organisation, Role
from glocal.partners import exporter
from glocal.partners.models import Affiliation, Exchange, PartnerProfile, PartnerRequest
from glocal.places.models import Country, ForeignLocalGovernment, LocalGovernment

pytestmark = pytest.mark.django_db


def call(client, method, path, body=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(
        f"/api/v1{path}", data, content_type="application/json", **headers
    )


@pytest.fixture
def partner(other_org):
    return ForeignLocalGovernment.objects.create(
        owner=other_org, country=Country.objects.get(code="US"), name_local="Testville",
        name_en="Testville", is_public=True,
    )  # fmt: skip


def _affiliation(owner, partner, code="072028", **values):
    return Affiliation.objects.create(
        owner=owner, local_government=LocalGovernment.objects.get(code=code), partner=partner,
        kind="sister", **values,
    )  # fmt: skip


# --- exports ---------------------------------------------------------------------------------


def test_the_staff_export_leaves_out_other_organisations_private_affiliations(
    client, outsider, member, home_org, partner
):
    _affiliation(home_org, partner, is_public=False, notes="secret plans")
    _affiliation(home_org, partner, code="070009", notes="public one")
    client.force_login(outsider)
    csv_text = client.get("/staff/partners/export.csv").content.decode("utf-8-sig")
    assert "public one" in csv_text
    assert "secret plans" not in csv_text
    book = load_workbook(io.BytesIO(client.get("/staff/partners/export.xlsx").content))
    assert book.active.max_row == 2  # the header and the public affiliation
    client.force_login(member)  # a viewer of the owner sees its private ones
    assert "secret plans" in client.get("/staff/partners/export.csv").content.decode("utf-8-sig")


def test_anonymous_callers_get_no_staff_export(client, home_org, partner):
    _affiliation(home_org, partner, is_public=False)
    assert client.get("/staff/partners/export.csv").status_code == 302  # to the login page


def test_an_empty_selection_exports_the_header_only(home_org, partner):
    _affiliation(home_org, partner)
    assert list(exporter.rows(Affiliation.objects.none())) == [exporter.COLUMNS]


@pytest.mark.parametrize("notes", ["=HYPERLINK(\"http://x.example\",\"x\")", "+1", "-1+1", "@A1",
                                   "\t=1", "\r=1"])  # fmt: skip
def test_notes_that_look_like_formulas_are_text_in_both_exports(client, editor, home_org,
                                                                partner, notes):  # fmt: skip
    _affiliation(home_org, partner, notes=notes)
    client.force_login(editor)
    book = load_workbook(io.BytesIO(client.get("/staff/partners/export.xlsx").content))
    cell = book.active["J2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (notes, "s", True)
    text = client.get("/staff/partners/export.csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text, newline="")))[1][9] == "'" + notes


# --- duplicates ------------------------------------------------------------------------------


def test_a_duplicate_check_does_not_reveal_another_organisations_private_affiliation(
    client, issue_token, home_org, other_org, partner
):
    _affiliation(other_org, partner, is_public=False)
    token = issue_token(home_org, Role.EDITOR)
    body = {"organisation": home_org.pk, "local_government": "072028", "partner": partner.pk,
            "kind": "sister"}  # fmt: skip
    created = call(client, "post", "/partners/affiliations", body, token)
    assert created.status_code == 201
    again = call(client, "post", "/partners/affiliations", body, token)
    assert again.status_code == 422  # one's own duplicate is named
    assert Affiliation.objects.filter(owner=home_org).count() == 1


# --- validation written once ----------------------------------------------------------------


def test_unknown_fields_in_a_request_are_refused_and_nothing_is_stored(
    client, issue_token, home_org
):
    token = issue_token(home_org, Role.EDITOR)
    body = {"organisation": home_org.pk, "name": "Sampleton", "country": "US",
            "fields": ["bogus"]}  # fmt: skip
    response = call(client, "post", "/partners/requests", body, token)
    assert response.status_code == 422
    assert PartnerRequest.objects.count() == 0


@pytest.mark.parametrize("latitude", ["NaN", "Infinity", "-Infinity"])
def test_a_request_with_a_latitude_that_is_no_number_is_not_saved(
    client, issue_token, home_org, latitude
):
    token = issue_token(home_org, Role.EDITOR)
    raw = json.dumps({"organisation": home_org.pk, "name": "Sampleton", "country": "US"})
    raw = raw[:-1] + f', "latitude": {latitude}}}'  # JSON with NaN, as Python's parser reads it
    response = client.post(
        "/api/v1/partners/requests", raw, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert response.status_code == 422
    assert PartnerRequest.objects.count() == 0


def test_an_unknown_preferred_prefecture_saves_no_request(client, issue_token, home_org):
    token = issue_token(home_org, Role.EDITOR)
    body = {"organisation": home_org.pk, "name": "Sampleton", "country": "US",
            "preferred_prefectures": ["070009", "999999"]}  # fmt: skip
    response = call(client, "post", "/partners/requests", body, token)
    assert response.status_code == 422
    assert "999999" in response.content.decode()
    assert PartnerRequest.objects.count() == 0
    body["preferred_prefectures"] = ["062014"]  # a city, not a prefecture
    assert call(client, "post", "/partners/requests", body, token).status_code == 422
    assert PartnerRequest.objects.count() == 0


def test_an_ended_affiliation_needs_its_end_date_through_every_door(home_org, partner):
    from django.core.exceptions import ValidationError

    from glocal.orgs.actors import Actor
    from glocal.partners import services

    actor = Actor(via="test", _roles={home_org.pk: Role.EDITOR})
    found = _affiliation(home_org, partner)
    with pytest.raises(ValidationError):
        services.change_affiliation(actor, found, {"status": "ended"})
    found.refresh_from_db()
    assert found.status == "active"


# --- bounds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"name": "x" * 201},
        {"name": ""},
        {"population": 10**20},
        {"population": 1e20},
        {"population": -1},
        {"latitude": 90.5},
        {"latitude": -91},
        {"country": "USA-and-more"},
        {"profile": "x" * 10_001},
        {"fields": ["education"] * 13},
        {"preferred_prefectures": ["070009"] * 48},
    ],
)
def test_request_values_out_of_bounds_are_422_and_not_saved(client, issue_token, home_org, change):
    token = issue_token(home_org, Role.EDITOR)
    body = {"organisation": home_org.pk, "name": "Sampleton", "country": "US"} | change
    response = call(client, "post", "/partners/requests", body, token)
    assert response.status_code == 422
    assert PartnerRequest.objects.count() == 0


@pytest.mark.parametrize(
    "change",
    [
        {"notes": "x" * 10_001},
        {"source": "x" * 301},
        {"kind": "x" * 13},
        {"signed_on": "1" * 41},
        {"fields": ["bogus"]},
        {"local_government": "0" * 7},
        {"partner": 2**40},
    ],
)
def test_affiliation_values_out_of_bounds_are_422(client, issue_token, home_org, partner, change):
    token = issue_token(home_org, Role.EDITOR)
    body = {"organisation": home_org.pk, "local_government": "072028", "partner": partner.pk,
            "kind": "sister"} | change  # fmt: skip
    assert call(client, "post", "/partners/affiliations", body, token).status_code == 422
    assert Affiliation.objects.count() == 0


@pytest.mark.parametrize("participants", [-1, 10**12, 1e20])
def test_exchange_participants_are_bounded(client, issue_token, home_org, partner, participants):
    found = _affiliation(home_org, partner)
    token = issue_token(home_org, Role.EDITOR)
    body = {"started_on": "R7.8.1", "direction": "outbound", "kind": "youth",
            "participants": participants}  # fmt: skip
    response = call(client, "post", f"/partners/affiliations/{found.pk}/exchanges", body, token)
    assert response.status_code == 422
    assert Exchange.objects.count() == 0


def test_the_openapi_document_shows_the_bounds(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    request = schemas["RequestIn"]["properties"]
    assert request["name"]["maxLength"] == 200
    assert request["population"]["anyOf"][0]["maximum"] == 2_000_000_000


# --- places: an organisation acts for the places it represents -------------------------------


@pytest.fixture
def association(db):
    """An organisation that represents no place (an international association)."""
    return Organisation.objects.create(
        slug="association", name="国際交流協会", name_en="International association",
        kind=Organisation.Kind.INTERNATIONAL_ASSOCIATION,
    )  # fmt: skip


PROFILE = {"countries": ["US"], "fields": ["youth"], "pr": "Our own words"}


def test_an_organisation_without_a_place_cannot_overwrite_a_prefectures_profile(
    client, issue_token, home_org, association
):
    editor = issue_token(home_org, Role.EDITOR)
    body = PROFILE | {"organisation": home_org.pk}
    own = call(client, "put", "/partners/profiles/070009", body, editor)
    assert own.status_code == 200
    token = issue_token(association, Role.ADMIN)
    body = PROFILE | {"organisation": association.pk, "pr": "Overwritten"}
    assert call(client, "put", "/partners/profiles/070009", body, token).status_code == 403
    assert PartnerProfile.objects.get().pr == "Our own words"


def test_other_organisations_viewers_and_anonymous_callers_cannot_set_a_profile(
    client, issue_token, home_org, other_org
):
    body = PROFILE | {"organisation": home_org.pk}
    outsider = issue_token(other_org, Role.ADMIN)
    assert call(client, "put", "/partners/profiles/070009", body, outsider).status_code == 403
    mine_for_theirs = PROFILE | {"organisation": other_org.pk}  # Yamagata for Fukushima
    assert (
        call(client, "put", "/partners/profiles/070009", mine_for_theirs, outsider).status_code
        == 403
    )
    viewer = issue_token(home_org, Role.VIEWER)
    assert call(client, "put", "/partners/profiles/070009", body, viewer).status_code == 403
    assert call(client, "put", "/partners/profiles/070009", body).status_code == 401
    assert PartnerProfile.objects.count() == 0


def test_a_prefecture_keeps_its_municipalities_profiles_but_not_its_neighbours(
    client, issue_token, home_org
):
    token = issue_token(home_org, Role.EDITOR)
    body = PROFILE | {"organisation": home_org.pk}
    assert call(client, "put", "/partners/profiles/072028", body, token).status_code == 200
    assert call(client, "put", "/partners/profiles/062014", body, token).status_code == 403


def test_the_staff_page_keeps_the_same_rule_for_profiles(client, editor, django_user_model):
    client.force_login(editor)
    theirs = client.post(
        "/staff/partners/requests/",
        {"profile": "1", "place": "062014", "countries": "米国", "pr": "Overwritten"},
    )
    assert theirs.status_code == 403
    assert PartnerProfile.objects.count() == 0
    municipality = client.post(
        "/staff/partners/requests/", {"profile": "1", "place": "072028", "countries": "米国"}
    )
    assert municipality.status_code == 302
    assert PartnerProfile.objects.get().local_government.code == "072028"


# --- moderation ------------------------------------------------------------------------------


def test_only_the_owners_administrators_approve_a_request(
    client, issue_token, home_org, other_org, editor, django_user_model
):
    token = issue_token(home_org, Role.EDITOR)
    body = {"organisation": home_org.pk, "name": "Sampleton", "country": "US"}
    number = call(client, "post", "/partners/requests", body, token).json()["id"]
    outsider = issue_token(other_org, Role.ADMIN)
    path = f"/partners/requests/{number}/approve"
    assert call(client, "post", path, None, outsider).status_code == 404  # not even seen
    assert call(client, "post", path, None, token).status_code == 403  # editors do not approve
    client.force_login(editor)
    assert client.post("/staff/partners/requests/", {"approve": number}).status_code == 403
    assert PartnerRequest.objects.get().status == "pending"
    viewer = django_user_model.objects.create_user(username="viewer2", password="x-y-z-w-1234")
    Membership.objects.create(user=viewer, organisation=home_org, role=Role.VIEWER)
    client.force_login(viewer)
    assert client.post("/staff/partners/requests/", {"approve": number}).status_code == 403
    admin = issue_token(home_org, Role.ADMIN)
    assert call(client, "post", path, None, admin).json()["status"] == "approved"


# --- big files -------------------------------------------------------------------------------


def test_a_file_over_the_web_row_limit_is_imported_in_the_background(
    client, editor, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from glocal.partners import importer
    from glocal.partners.models import AffiliationImport
    from tests.partners.test_importer import GOOD

    monkeypatch.setattr(importer, "WEB_ROW_LIMIT", 2)
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 1)
    client.force_login(editor)
    upload = SimpleUploadedFile("big.csv", GOOD.encode("utf-8"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/partners/import/", {"file": upload})
    assert response.status_code == 302  # no preview held in the request
    job = AffiliationImport.objects.get()
    assert (job.status, job.rows_total, job.rows_checked, job.created) == ("done", 3, 3, 3)
    assert job.data == b""
    assert Affiliation.objects.count() == 3
    page = client.get("/staff/partners/import/").content.decode()
    assert "big.csv" in page
    assert "3 / 3" in page


def test_a_background_import_with_problems_writes_nothing_and_lists_them(
    client, editor, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from glocal.partners import importer
    from tests.partners.test_importer import GOOD

    monkeypatch.setattr(importer, "WEB_ROW_LIMIT", 2)
    client.force_login(editor)
    bad = GOOD + "福島県,,米国,,Testville,謎,,,\n"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/staff/partners/import/", {"file": SimpleUploadedFile("bad.csv", bad.encode())}
        )
    assert Affiliation.objects.count() == 0
    from glocal.partners.models import AffiliationImport

    job = AffiliationImport.objects.get()
    assert (job.status, [p[:2] for p in job.problems]) == ("failed", [[5, "kind"]])
    page = client.get("/staff/partners/import/").content.decode()
    assert escape(job.problems[0][2]) in page  # 提携種別 '謎' がわかりません
