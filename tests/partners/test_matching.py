"""Explained partner matching: every factor shown, and the factors add up to the score."""

import pytest

from glocal.orgs.models import Role
from glocal.partners import matching
from glocal.partners.importer import check, read_table
from glocal.partners.models import Affiliation, PartnerProfile, PartnerRequest
from glocal.places.models import Country
from tests.partners.test_importer import GOOD, load_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def iowa(home_org, place):
    found = PartnerRequest.objects.create(
        owner=home_org,
        name="Sampleton, Iowa (fictional)",
        country=Country.objects.get(code="US"),
        population=60_000,
        latitude=41.6,
        status=PartnerRequest.Status.APPROVED,
        is_public=True,
    )
    found.fields = ["education", "culture"]
    found.save()
    found.preferred_prefectures.set([place("070009")])
    return found


def test_every_match_explains_its_score(iowa, place, home_org):
    PartnerProfile.objects.create(
        owner=home_org, local_government=place("072028"), countries=",US,",
        fields=",education,culture,sports,",
    )  # fmt: skip
    matches = matching.rank(iowa)
    assert len(matches) > 1700  # every current Japanese local government
    for match in matches[:200]:
        assert sum(f["points"] for f in match.factors) == pytest.approx(match.score)
    best = matches[0]
    assert best.code == "072028"  # a city, in Fukushima, seeking a US partner, same fields
    factors = {f["factor"] for f in best.factors}
    assert factors >= {"scale", "fields", "seeking", "preferences", "climate"}


def test_existing_ties_count_as_experience_or_against_for_diversity(iowa, home_org):
    result = check(read_table(GOOD.encode(), "a.csv"))
    load_rows(result.rows, home_org)  # 会津若松市 already has a US partner
    by_experience = {m.code: m for m in matching.rank(iowa, ties="experience")}
    by_diversity = {m.code: m for m in matching.rank(iowa, ties="diversity")}
    aizu_plus = next(f for f in by_experience["072028"].factors if f["factor"] == "ties")
    aizu_minus = next(f for f in by_diversity["072028"].factors if f["factor"] == "ties")
    assert (aizu_plus["points"], aizu_minus["points"]) == (5, -5)


def test_matches_api_is_public_for_approved_requests(client, iowa):
    data = client.get(f"/api/v1/partners/requests/{iowa.pk}/matches?limit=5").json()
    assert len(data) == 5
    first = data[0]
    assert sum(f["points"] for f in first["factors"]) == pytest.approx(first["score"])


def test_pending_requests_stay_with_their_organisation(client, home_org, issue_token, other_org):
    token = issue_token(home_org, Role.EDITOR)
    created = client.post(
        "/api/v1/partners/requests",
        {"organisation": home_org.pk, "name": "Testville", "country": "CA", "fields": ["youth"]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert created.status_code == 201
    number = created.json()["id"]
    assert client.get(f"/api/v1/partners/requests/{number}/matches").status_code == 404
    outsider = issue_token(other_org, Role.ADMIN)
    refused = client.post(
        f"/api/v1/partners/requests/{number}/approve",
        HTTP_AUTHORIZATION=f"Bearer {outsider}",
    )
    assert refused.status_code == 404
    admin = issue_token(home_org, Role.ADMIN)
    approved = client.post(
        f"/api/v1/partners/requests/{number}/approve", HTTP_AUTHORIZATION=f"Bearer {admin}"
    )
    assert approved.json()["status"] == "approved"
    assert client.get(f"/api/v1/partners/requests/{number}/matches").status_code == 200


def test_exchanges_are_recorded_and_counted_by_field_and_fiscal_year(
    client, home_org, issue_token, editor
):
    result = check(read_table(GOOD.encode(), "a.csv"))
    load_rows(result.rows, home_org)
    affiliation = Affiliation.objects.get(local_government__code="072028")
    token = issue_token(home_org, Role.EDITOR)
    created = client.post(
        f"/api/v1/partners/affiliations/{affiliation.pk}/exchanges",
        {"started_on": "R7.8.1", "direction": "outbound", "kind": "youth", "field": "youth",
         "participants": 12},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert created.status_code == 201
    assert created.json()["started_on"] == "2025-08-01"
    bad = client.post(
        f"/api/v1/partners/affiliations/{affiliation.pk}/exchanges",
        {"started_on": "令和2年13月1日", "direction": "outbound", "kind": "youth"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"][0]["field"] == "started_on"
    client.force_login(editor)
    page = client.get("/staff/partners/statistics/").content.decode()
    assert "FY2025（令和7年度）" in page
