"""Partnerships as an attacker found them after the first round of fixes: private ties
leaking through public rankings, and affiliations for places one does not act for."""

import pytest
from django.core.exceptions import ValidationError

from glocal.partners.models import Affiliation, PartnerRequest
from glocal.places.models import Country, ForeignLocalGovernment, LocalGovernment

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_tie(home_org):
    """A private affiliation of the home organisation: 喜多方市 (072087) with a Korean city."""
    partner = ForeignLocalGovernment.objects.create(
        owner=home_org, country=Country.objects.get(code="KR"), name_local="Secretville",
        is_public=False,
    )  # fmt: skip
    return Affiliation.objects.create(
        owner=home_org, local_government=LocalGovernment.objects.get(code="072087"),
        partner=partner, kind="sister", is_public=False, notes="under negotiation",
    )  # fmt: skip


@pytest.fixture
def public_korean_request(other_org):
    found = PartnerRequest.objects.create(
        owner=other_org, name="Some Korean city", country=Country.objects.get(code="KR"),
        population=50_000, latitude=37.65,
        status=PartnerRequest.Status.APPROVED, is_public=True,
    )  # fmt: skip
    found.preferred_prefectures.set([LocalGovernment.objects.get(code="070009")])
    return found


def test_anonymous_matches_reveal_no_private_affiliation(client, secret_tie, public_korean_request):
    """An anonymous caller learns that 喜多方市 has a (private) tie with Korea."""
    data = client.get(
        f"/api/v1/partners/requests/{public_korean_request.pk}/matches?limit=2000"
    ).json()
    kitakata = next(m for m in data if m["code"] == "072087")
    ties = [f for f in kitakata["factors"] if f["factor"] == "ties"]
    assert ties == [], f"private affiliation leaks through matching: {ties}"


def test_public_requests_page_reveals_no_private_affiliation(
    client, secret_tie, public_korean_request
):
    """Same leak on the anonymous HTML page /partners/requests/ (top-5 matches): the private
    tie gives 喜多方市 +5 points and the reason text "1 affiliation(s) with KR already"."""
    page = client.get("/partners/requests/").content.decode()
    assert "affiliation(s) with KR already" not in page


def test_no_affiliation_for_a_place_the_organisation_does_not_act_for(
    client, other_org, issue_token
):
    """Yamagata's editor token records a *public* sister-city affiliation for 会津若松市
    (Fukushima), which Yamagata does not act for (scoping.represents is False). It shows on
    the anonymous public list. Notices and profiles check places; affiliations do not."""
    from glocal.orgs.models import Role
    from glocal.orgs.scoping import represents

    aizu = LocalGovernment.objects.get(code="072028")
    assert not represents(other_org, aizu)
    partner = ForeignLocalGovernment.objects.create(
        owner=other_org, country=Country.objects.get(code="KP"), name_local="Fakeville",
        is_public=True,
    )  # fmt: skip
    token = issue_token(other_org, Role.EDITOR)
    created = client.post(
        "/api/v1/partners/affiliations",
        {"organisation": other_org.pk, "local_government": "072028", "partner": partner.pk,
         "kind": "sister"},
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert created.status_code in (403, 422), (
        f"HTTP {created.status_code}: public list now shows 会津若松市–Fakeville: "
        f"{'Fakeville' in client.get('/partners/').content.decode()}"
    )
    assert "Fakeville" not in client.get("/partners/").content.decode()


def test_an_import_for_places_one_does_not_act_for_is_refused_by_row(other_org):
    """Yamagata imports a row for 会津若松市: the row is named, nothing is written."""
    from glocal.orgs.actors import Actor
    from glocal.orgs.models import Role
    from glocal.partners import importer, services

    text = "都道府県,自治体名,相手国,相手自治体,提携種別\n福島県,会津若松市,米国,Fakeville,姉妹\n"
    checked = importer.check(importer.read_table(text.encode(), "f.csv"))
    actor = Actor(via="test", _roles={other_org.pk: Role.EDITOR})
    problems = services.place_problems(actor, other_org.pk, checked.rows)
    assert [(p.row, p.field) for p in problems] == [(2, "municipality")]
    with pytest.raises(ValidationError):
        services.import_rows(actor, other_org.pk, checked.rows)
    assert not Affiliation.objects.exists()


def test_the_statistics_workbook_reads_no_formula(db, monkeypatch):
    import io

    from openpyxl import load_workbook

    from glocal.partners import statistics

    monkeypatch.setattr(statistics, "by_prefecture", lambda affiliations: [("=1+1", 3)])
    book = load_workbook(io.BytesIO(statistics.to_xlsx()))
    cell = book[book.sheetnames[-1]]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)
