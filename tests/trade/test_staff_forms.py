"""Staff forms: measures, changes and corrections, exporters, promotion projects, with the
personas who may and may not use them."""

import pytest

from glocal.orgs.models import AuditEvent
from glocal.trade import services
from glocal.trade.models import Exporter, Measure, MeasureVersion, PromotionProject

NEW_MEASURE = {
    "country": "香港", "kind": "suspension", "title": "", "prefectures": "福島県、宮城県",
    "products": "野菜、0301", "effective_from": "H23.3.24", "effective_to": "",
    "reference": "香港食物環境衛生署", "reference_url": "https://www.cfs.gov.hk/", "notes": "",
}  # fmt: skip
CHANGE = {"prefectures": "福島県", "products": "野菜", "effective_from": "2018-07-26",
          "effective_to": "", "reference": "発表", "reference_url": "", "notes": ""}  # fmt: skip


@pytest.fixture
def nobody(django_user_model):
    """Signed in, member of no organisation."""
    return django_user_model.objects.create_user(username="nobody", password="x-y-z-w-1234")


@pytest.fixture
def login(client, request):
    def as_(persona: str):
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return as_


@pytest.fixture
def measure(home_org, editor, actor_for, measure_data):
    services.record(actor_for(editor), home_org.pk, measure_data(prefectures="福島県、宮城県"))
    return Measure.objects.get()


@pytest.fixture
def exporter(home_org, editor, actor_for):
    return services.save_exporter(actor_for(editor), home_org.pk, {
        "company": "会津酒造", "contact_name": "山田", "contact_email": "yamada@sake.example",
    })  # fmt: skip


@pytest.fixture
def project(home_org, editor, actor_for, exporter):
    from glocal.places.models import Country

    return services.save_project(actor_for(editor), home_org.pk, {
        "title": "台北見本市", "kind": "expo_booth", "country": Country.objects.get(code="TW"),
        "starts_on": "2024-06-26", "negotiations": 38, "exporters": [exporter.pk],
    })  # fmt: skip


# -- measures ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_records_a_measure_from_the_form(login, home_org, editor):
    client = login("editor")
    assert client.get("/staff/trade/measures/new/").status_code == 200
    response = client.post("/staff/trade/measures/new/", NEW_MEASURE)
    measure = Measure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/trade/measures/{measure.pk}/"
    version = measure.versions.get()
    assert (measure.owner_id, measure.country.code, version.change) == (
        home_org.pk,
        "HK",
        "imposed",
    )
    assert version.effective_from.isoformat() == "2011-03-24"
    assert version.prefectures == ["040002", "070009"]
    assert version.recorded_by == editor
    page = client.get(response["Location"]).content.decode()
    assert "香港食物環境衛生署" in page
    assert "導入" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("effective_to", "2010-01-01"),  # an end before the start
        ("products", "9999"),  # an unknown HS code
        ("products", "宝石"),  # an unknown product group
        ("effective_from", "平成31年5月1日"),  # a date outside its era
        ("country", "アトランティス"),
        ("prefectures", "ナルニア県"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(login, home_org, editor, field, value):
    response = login("editor").post("/staff/trade/measures/new/", NEW_MEASURE | {field: value})
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert errors[field][0] in response.content.decode().replace("&#x27;", "'")
    assert not Measure.objects.exists()
    assert not MeasureVersion.objects.exists()


@pytest.mark.django_db
def test_every_problem_is_named_at_once(login, home_org, editor):
    bad = NEW_MEASURE | {
        "country": "アトランティス",
        "products": "宝石",
        "effective_to": "2010-01-01",
    }
    response = login("editor").post("/staff/trade/measures/new/", bad)
    assert sorted(response.context["form"].errors) == ["country", "effective_to", "products"]


@pytest.mark.django_db
def test_a_change_is_classified_and_lifting_takes_a_date(login, measure):
    client = login("editor")
    url = f"/staff/trade/measures/{measure.pk}/"
    assert client.post(url, CHANGE).status_code == 302
    assert client.post(url, CHANGE | {"effective_from": "2020-01-01",
                                      "effective_to": "R2.6.1"}).status_code == 302  # fmt: skip
    changes = list(measure.versions.order_by("number").values_list("change", flat=True))
    assert changes == ["imposed", "eased", "lifted"]
    lifted = measure.versions.get(number=3)
    assert lifted.effective_to.isoformat() == "2020-06-01"
    page = client.get(url).content.decode()
    assert "緩和" in page
    assert "撤廃" in page


@pytest.mark.django_db
def test_a_change_that_ends_before_it_starts_writes_nothing(login, measure):
    response = login("editor").post(
        f"/staff/trade/measures/{measure.pk}/", CHANGE | {"effective_to": "2018-07-01"}
    )
    assert response.status_code == 422
    assert measure.versions.count() == 1


@pytest.mark.django_db
def test_correcting_a_version_keeps_its_start(login, measure):
    client = login("editor")
    url = f"/staff/trade/measures/{measure.pk}/versions/1/correct/"
    form = client.get(url).content.decode()
    assert "福島県、宮城県" in form  # the version's content to correct
    # The start date is fixed: a different one sent is ignored.
    sent = CHANGE | {"effective_from": "2030-01-01", "reference": "訂正後の根拠"}
    assert client.post(url, sent).status_code == 302
    corrected = measure.versions.get(number=2)
    assert (corrected.change, corrected.reference) == ("corrected", "訂正後の根拠")
    assert corrected.effective_from.isoformat() == "2011-03-24"
    assert client.post(url, sent).status_code == 302  # the same again: nothing new
    assert measure.versions.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "outsider", "nobody", "anonymous"])
def test_only_editors_write_measures(login, measure, persona):
    client = login(persona)
    if persona != "outsider":  # who records for their own organisation
        response = client.post("/staff/trade/measures/new/", NEW_MEASURE | {"country": "中国"})
        assert response.status_code == (302 if persona == "anonymous" else 403)
    for url, data in (
        (f"/staff/trade/measures/{measure.pk}/", CHANGE),
        (f"/staff/trade/measures/{measure.pk}/versions/1/correct/", CHANGE),
    ):
        response = client.post(url, data)
        assert response.status_code == {"member": 403, "anonymous": 302}.get(persona, 404)
    assert Measure.objects.count() == 1
    assert MeasureVersion.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [("editor", 200), ("member", 200), ("outsider", 404), ("nobody", 404), ("anonymous", 302)],
)
def test_who_reads_the_staff_measure_page(login, measure, persona, status):
    response = login(persona).get(f"/staff/trade/measures/{measure.pk}/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "香港" in page
        assert ("変更を記録" in page) == (persona == "editor"), page


# -- exporters -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_adds_edits_and_deletes_an_exporter(login, home_org):
    client = login("editor")
    response = client.post("/staff/trade/exporters/new/", {
        "company": "伊達ももファーム", "products": "もも", "markets": "台湾、タイ",
        "contact_name": "佐藤", "contact_email": "sato@momo.example",
    })  # fmt: skip
    exporter = Exporter.objects.get()
    assert response.status_code == 302
    assert (exporter.owner_id, exporter.markets, exporter.is_public) == (
        home_org.pk,
        ["TH", "TW"],
        False,
    )
    edit = f"/staff/trade/exporters/{exporter.pk}/edit/"
    assert "sato@momo.example" in client.get(edit).content.decode()
    client.post(edit, {"company": "伊達ももファーム", "markets": "TW", "contact_name": "鈴木"})
    exporter.refresh_from_db()
    assert (exporter.markets, exporter.contact_name, exporter.contact_email) == (["TW"], "鈴木", "")
    assert client.post(f"/staff/trade/exporters/{exporter.pk}/delete/").status_code == 302
    assert not Exporter.objects.exists()


@pytest.mark.django_db
def test_reading_an_exporter_is_audited(login, exporter):
    reads = AuditEvent.objects.filter(action="read", object_id=str(exporter.pk))
    before = reads.count()
    page = login("member").get(f"/staff/trade/exporters/{exporter.pk}/").content.decode()
    assert "yamada@sake.example" in page
    assert "編集" not in page  # a viewer reads, does not write
    assert reads.count() == before + 1


@pytest.mark.django_db
def test_an_unknown_market_is_named_and_nothing_written(login, home_org):
    response = login("editor").post(
        "/staff/trade/exporters/new/", {"company": "X", "markets": "台湾, ナルニア"}
    )
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["markets"]
    assert not Exporter.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "outsider", "nobody", "anonymous"])
def test_only_editors_write_exporters(login, exporter, persona):
    client = login(persona)
    client.post("/staff/trade/exporters/new/", {"company": "新会社"})
    client.post(f"/staff/trade/exporters/{exporter.pk}/edit/", {"company": "改名"})
    client.post(f"/staff/trade/exporters/{exporter.pk}/delete/")
    mine = Exporter.objects.filter(owner=exporter.owner)
    assert list(mine.values_list("company", flat=True)) == ["会津酒造"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "nobody", "anonymous"])
def test_outsiders_read_no_exporter(login, exporter, persona):
    client = login(persona)
    for url in (f"/staff/trade/exporters/{exporter.pk}/",
                f"/staff/trade/exporters/{exporter.pk}/edit/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
        assert "yamada@sake.example" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="read").exists()


# -- promotion projects --------------------------------------------------------------------------


PROJECT = {"title": "バンコク商談会", "kind": "mission_event", "country": "タイ",
           "starts_on": "R6.8.20", "ends_on": "2024-08-21", "negotiations": "15",
           "contracts": "2", "estimated_sales_yen": "3500000", "media_reach": "40000",
           "outcomes": "ブロガーの発信で認知が拡大"}  # fmt: skip


@pytest.mark.django_db
def test_an_editor_records_a_project_with_outcomes(login, home_org, exporter):
    client = login("editor")
    response = client.post("/staff/trade/projects/new/", PROJECT | {"exporters": [exporter.pk]})
    assert response.status_code == 302
    project = PromotionProject.objects.get()
    assert (project.country.code, project.contracts, project.estimated_sales_yen) == (
        "TH",
        2,
        3_500_000,
    )
    assert list(project.exporters.all()) == [exporter]
    page = client.get(response["Location"]).content.decode()
    assert "3500000" in page
    assert "40000" in page
    assert "会津酒造" in page
    edit = f"/staff/trade/projects/{project.pk}/edit/"
    assert client.post(edit, PROJECT | {"contracts": "5"}).status_code == 302
    project.refresh_from_db()
    assert project.contracts == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("ends_on", "2024-08-01"), ("country", "ナルニア"), ("starts_on", "平成31年5月1日"),
     ("contracts", "-1"), ("estimated_sales_yen", "1" * 20)],
)  # fmt: skip
def test_a_bad_project_is_refused(login, home_org, field, value):
    response = login("editor").post("/staff/trade/projects/new/", PROJECT | {field: value})
    assert response.status_code == 422
    assert list(response.context["form"].errors) == [field]
    assert not PromotionProject.objects.exists()


@pytest.mark.django_db
def test_another_organisations_exporter_cannot_be_attached(
    login, home_org, other_org, outsider, actor_for
):
    theirs = services.save_exporter(actor_for(outsider), other_org.pk, {"company": "山形の会社"})
    response = login("editor").post("/staff/trade/projects/new/",
                                    PROJECT | {"exporters": [theirs.pk]})  # fmt: skip
    assert response.status_code == 422
    assert not PromotionProject.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [("editor", 200), ("member", 200), ("outsider", 404), ("nobody", 404), ("anonymous", 302)],
)
def test_who_reads_a_project(login, project, persona, status):
    response = login(persona).get(f"/staff/trade/projects/{project.pk}/")
    assert response.status_code == status
    assert ("台北見本市" in response.content.decode()) == (status == 200)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "outsider", "nobody", "anonymous"])
def test_only_editors_write_projects(login, project, persona):
    client = login(persona)
    client.post("/staff/trade/projects/new/", PROJECT)
    client.post(f"/staff/trade/projects/{project.pk}/edit/", PROJECT)
    mine = PromotionProject.objects.filter(owner=project.owner)
    assert list(mine.values_list("title", flat=True)) == ["台北見本市"]
