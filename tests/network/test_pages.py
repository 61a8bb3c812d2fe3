"""The staff pages: what members, viewers, another organisation's administrator, a user of no
organisation and anonymous visitors see and may do."""

import datetime

import pytest

from glocal.network import mailings, services
from glocal.network.models import Contact, Group, Mailing, Relationship
from glocal.orgs.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_org, admin_of):
    actor = admin_of(home_org)
    maria = services.create_contact(
        actor,
        home_org.pk,
        {
            "name": "Maria Secret",
            "country": "BR",
            "language": "pt",
            "email": "maria@example.br",
            "categories": ["kenjinkai"],
            "consent_on": "2024-04-01",
            "phone": "+55 11 5555 0100",
        },
    )
    john = services.create_contact(
        actor,
        home_org.pk,
        {
            "name": "John Secret",
            "country": "CA",
            "language": "en",
            "email": "john@example.ca",
            "categories": ["jet"],
            "facts": {"jet": {"alumnus": "yes"}},
            "consent_on": "2024-04-01",
        },
    )
    nguyen = services.create_contact(
        actor,
        home_org.pk,
        {
            "name": "Nguyen Secret",
            "country": "VN",
            "language": "vi",
            "email": "n@example.vn",
            "categories": ["student"],
        },
    )
    group = mailings.create_group(
        actor, home_org.pk, "Officers", "fixed", contact_ids=[maria.pk, john.pk, nguyen.pk]
    )
    return {"maria": maria, "john": john, "nguyen": nguyen, "group": group}


@pytest.fixture
def stranger(django_user_model):
    """A user of no organisation."""
    return django_user_model.objects.create_user(username="stranger", password="x")


def _pages(world) -> list[str]:
    maria, group = world["maria"].pk, world["group"].pk
    return [
        "/staff/network/",
        "/staff/network/?country=BR",
        f"/staff/network/{maria}/",
        "/staff/network/duplicates/",
        "/staff/network/mailings/",
        f"/staff/network/groups/{group}/",
        "/staff/network/statistics/",
    ]


def _writes(world) -> list[tuple[str, dict]]:
    maria, john, group = world["maria"].pk, world["john"].pk, world["group"].pk
    return [
        ("/staff/network/new/", {"kind": "person", "name": "Intruder"}),
        (f"/staff/network/{maria}/edit/", {"kind": "person", "name": "Changed"}),
        (f"/staff/network/{world['nguyen'].pk}/consent/", {"given_on": "2024-04-01"}),
        (f"/staff/network/{maria}/withdraw/", {}),
        ("/staff/network/duplicates/merge/", {"kept": maria, "other": john}),
        (f"/staff/network/{world['nguyen'].pk}/groups/", {"group": group}),
        ("/staff/network/mailings/", {"name": "Intruders", "kind": "fixed"}),
        (
            "/staff/network/mailings/new/",
            {"group": group, "action": "save", "subject_en": "X", "body_en": "Y"},
        ),
    ]


def _unchanged(world) -> None:
    assert sorted(Contact.objects.values_list("name", flat=True)) == [
        "John Secret",
        "Maria Secret",
        "Nguyen Secret",
    ]
    assert Contact.objects.get(pk=world["maria"].pk).may_be_mailed
    assert not Contact.objects.get(pk=world["nguyen"].pk).may_be_mailed
    assert Contact.objects.filter(merged_into__isnull=False).count() == 0
    assert Group.objects.count() == 1
    assert world["group"].members.count() == 3
    assert Mailing.objects.count() == 0


def test_members_see_the_pages_and_personal_details_only_on_the_contact(client, world, member):
    client.force_login(member)
    for path in _pages(world):
        page = client.get(path)
        assert page.status_code == 200, path
        if path != f"/staff/network/{world['maria'].pk}/":
            assert b"maria@example.br" not in page.content, path
            assert b"5555" not in page.content, path
    listed = client.get("/staff/network/").content.decode()
    assert "Maria Secret" in listed
    assert "John Secret" in listed
    detail = client.get(f"/staff/network/{world['maria'].pk}/").content.decode()
    assert "maria@example.br" in detail
    assert "+55 11 5555 0100" in detail
    reads = AuditEvent.objects.filter(action="read", model="network.Contact")
    assert [e.object_id for e in reads] == [str(world["maria"].pk)] * 2  # each showing


@pytest.mark.parametrize("persona", ["outsider", "stranger"])
def test_others_see_nothing(client, world, persona, outsider, stranger):
    client.force_login({"outsider": outsider, "stranger": stranger}[persona])
    for path in _pages(world):
        page = client.get(path)
        assert page.status_code in (200, 403, 404), path
        assert b"Secret" not in page.content, path
        assert b"Officers" not in page.content, path


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for path in _pages(world) + [path for path, _data in _writes(world)]:
        page = client.get(path)
        assert page.status_code in (302, 405), path
        assert b"Secret" not in page.content
    for path, data in _writes(world):
        assert client.post(path, data).status_code == 302, path
    _unchanged(world)


def test_a_viewer_may_not_write(client, world, member):
    client.force_login(member)
    for path, data in _writes(world):
        assert client.post(path, data).status_code == 403, path
    assert client.get("/staff/network/new/").status_code == 403
    assert client.get(f"/staff/network/{world['maria'].pk}/edit/").status_code == 403
    assert client.get("/staff/network/mailings/new/").status_code == 403
    _unchanged(world)


@pytest.mark.parametrize("persona", ["outsider", "stranger"])
def test_others_may_not_write(client, world, persona, outsider, stranger):
    client.force_login({"outsider": outsider, "stranger": stranger}[persona])
    own = ("/staff/network/new/", "/staff/network/mailings/")  # the outsider's own organisation
    for path, data in _writes(world):
        if persona == "outsider" and path in own:
            continue
        assert client.post(path, data).status_code in (403, 404), path
    _unchanged(world)


def test_the_list_filters(client, world, editor):
    client.force_login(editor)
    found = client.get("/staff/network/?country=BR").content.decode()
    assert "Maria Secret" in found
    assert "John Secret" not in found
    found = client.get("/staff/network/?consent=no").content.decode()
    assert "Nguyen Secret" in found
    assert "Maria Secret" not in found
    found = client.get("/staff/network/?category=jet&language=en").content.decode()
    assert "John Secret" in found
    assert "Maria Secret" not in found
    found = client.get("/staff/network/?country=XX&page=999999999999").content.decode()
    assert "Maria Secret" in found  # an unknown filter or page is ignored, never a 500


def test_an_editor_adds_and_changes_a_contact_through_the_form(client, world, editor):
    client.force_login(editor)
    bad = {"kind": "person", "name": "Ana Suzuki", "email": "not-an-address", "country": "Brasil"}
    page = client.post("/staff/network/new/", bad)
    assert page.status_code == 422
    assert "not-an-address" in page.content.decode()  # the message names the value
    assert not Contact.objects.filter(name="Ana Suzuki").exists()
    good = bad | {
        "email": "ana@example.br",
        "country": "ブラジル",
        "language": "pt",
        "categories": ["kenjinkai"],
        "tags": "festival, 2025",
    }
    page = client.post("/staff/network/new/", good)
    ana = Contact.objects.get(name="Ana Suzuki")
    assert page.status_code == 302
    assert page.url == f"/staff/network/{ana.pk}/"
    assert (ana.country.code, ana.language, ana.tags) == ("BR", "pt", ["2025", "festival"])
    edit = client.get(f"/staff/network/{ana.pk}/edit/").content.decode()
    assert 'value="ana@example.br"' in edit
    changed = good | {"jet_alumnus": "on", "country": ""}
    assert client.post(f"/staff/network/{ana.pk}/edit/", changed).status_code == 302
    ana.refresh_from_db()
    assert ana.country is None
    assert ana.categories == ["jet", "kenjinkai"]
    assert ana.facts == {"jet": {"alumnus": "yes"}}


def test_consent_is_recorded_and_withdrawn(client, world, editor):
    client.force_login(editor)
    nguyen = world["nguyen"]
    page = client.post(
        f"/staff/network/{nguyen.pk}/consent/", {"given_on": "2999-01-01"}, follow=True
    )
    assert "未来の日付" in page.content.decode()  # "in the future"
    assert not Contact.objects.get(pk=nguyen.pk).may_be_mailed
    client.post(
        f"/staff/network/{nguyen.pk}/consent/",
        {"given_on": "R6.4.1", "method": "signed form", "purpose": "newsletter"},
    )
    nguyen.refresh_from_db()
    assert nguyen.may_be_mailed
    assert nguyen.consent_on == datetime.date(2024, 4, 1)
    assert nguyen.consent_method == "signed form"
    client.post(f"/staff/network/{nguyen.pk}/withdraw/")
    nguyen.refresh_from_db()
    assert not nguyen.may_be_mailed
    assert nguyen.consent_withdrawn_on is not None


def test_duplicates_are_listed_and_merged(client, world, home_org, admin_of, editor):
    twin = services.create_contact(
        admin_of(home_org),
        home_org.pk,
        {"name": "MARIA SECRET", "country": "BR", "city": "São Paulo"},
    )
    client.force_login(editor)
    page = client.get("/staff/network/duplicates/").content.decode()
    assert "MARIA SECRET" in page
    assert "/staff/network/duplicates/merge/" in page
    merged = client.post(
        "/staff/network/duplicates/merge/", {"kept": world["maria"].pk, "other": twin.pk}
    )
    assert merged.status_code == 302
    maria = Contact.objects.get(pk=world["maria"].pk)
    assert maria.city == "São Paulo"
    assert Contact.objects.get(pk=twin.pk).merged_into == maria
    assert (
        f"/staff/network/{twin.pk}/"
        not in client.get("/staff/network/duplicates/").content.decode()
    )
    again = client.post(
        "/staff/network/duplicates/merge/",
        {"kept": world["maria"].pk, "other": twin.pk},
        follow=True,
    )
    assert again.status_code == 404  # a merged record is no longer a current contact


def test_a_contact_joins_a_fixed_group(client, world, home_org, admin_of, editor):
    other = mailings.create_group(admin_of(home_org), home_org.pk, "Festival")
    client.force_login(editor)
    client.post(f"/staff/network/{world['john'].pk}/groups/", {"group": other.pk})
    assert list(other.members.all()) == [world["john"]]
    page = client.get(f"/staff/network/groups/{other.pk}/").content.decode()
    assert "John Secret" in page
    assert "john@example.ca" not in page


def test_groups_and_saved_searches_are_made_on_the_page(client, world, editor):
    client.force_login(editor)
    bad = {"name": "Brazil", "kind": "saved", "countries": "Atlantis"}
    page = client.post("/staff/network/mailings/", bad)
    assert page.status_code == 422
    assert "Atlantis" in page.content.decode()
    good = bad | {"countries": "ブラジル, CA", "consenting": "on"}
    assert client.post("/staff/network/mailings/", good).status_code == 302
    saved = Group.objects.get(name="Brazil")
    assert saved.criteria == {"countries": ["BR", "CA"], "consenting": True}
    page = client.get(f"/staff/network/groups/{saved.pk}/").content.decode()
    assert "Maria Secret" in page
    assert "John Secret" in page
    assert "Nguyen Secret" not in page
    assert client.post("/staff/network/mailings/", good).status_code == 422  # the same name


def test_the_composer_shows_who_gets_which_language_and_saves_a_draft(client, world, editor):
    client.force_login(editor)
    group = world["group"].pk
    page = client.get(f"/staff/network/mailings/new/?group={group}").content.decode()
    assert "subject_pt" in page
    assert "subject_vi" in page
    assert "メンバー3人のうち、メール配信に同意した2人" in page  # Nguyen has not consented
    data = {
        "group": group,
        "subject_ja": "お知らせ",
        "body_ja": "本文",
        "subject_en": "News",
        "body_en": "Body",
        "action": "preview",
    }
    page = client.post("/staff/network/mailings/new/", data).content.decode()
    assert "maria@example.br" not in page
    rows = page.split('class="recipients"')[1]
    assert rows.index("John Secret") < rows.index("Maria Secret")
    assert "<td>pt</td><td>en</td>" in rows  # Maria prefers Portuguese, which is not written
    assert Mailing.objects.count() == 0
    half = data | {"subject_pt": "Notícias", "action": "save"}
    page = client.post("/staff/network/mailings/new/", half)
    assert page.status_code == 422
    assert Mailing.objects.count() == 0
    saved = client.post("/staff/network/mailings/new/", half | {"body_pt": "Corpo"})
    mailing = Mailing.objects.get()
    assert saved.url == f"/staff/network/mailings/{mailing.pk}/"
    assert sorted(mailing.messages.values_list("language", flat=True)) == ["en", "ja", "pt"]
    assert mailing.status == "draft"
    page = client.get(saved.url).content.decode()
    assert "<td>pt</td><td>pt</td>" in page


def test_the_composer_says_when_no_member_consented(client, world, home_org, admin_of, editor):
    nobody = mailings.create_group(
        admin_of(home_org), home_org.pk, "Students", contact_ids=[world["nguyen"].pk]
    )
    client.force_login(editor)
    page = client.get(f"/staff/network/mailings/new/?group={nobody.pk}").content.decode()
    assert "Students" in page
    assert "同意した人がいません" in page


def test_the_composer_offers_only_the_organisations_groups(
    client, world, other_org, admin_of, outsider
):
    client.force_login(outsider)
    page = client.get(f"/staff/network/mailings/new/?group={world['group'].pk}")
    assert page.status_code == 404
    assert b"Officers" not in page.content
    data = {"group": world["group"].pk, "subject_en": "x", "body_en": "y", "action": "save"}
    client.post("/staff/network/mailings/new/", data)
    assert Mailing.objects.count() == 0
    assert Relationship.objects.count() == 0
