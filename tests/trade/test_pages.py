from urllib.parse import urlparse

import feedparser
import pytest

from glocal.trade import alerts
from glocal.trade.models import AlertSubscription


@pytest.mark.django_db
def test_matrix_shows_the_date_asked_for(client, hong_kong):
    page = client.get("/trade/", {"prefecture": "040002", "on": "2014-01-01"}).content.decode()
    assert "香港 (HK)" in page
    assert "停止" in page
    later = client.get("/trade/", {"prefecture": "040002", "on": "R1.6.1"})
    assert later.status_code == 200
    assert "香港 (HK)" not in later.content.decode()


@pytest.mark.django_db
def test_matrix_refuses_bad_input_with_4xx(client):
    assert client.get("/trade/", {"on": "平成31年5月1日"}).status_code == 400
    assert client.get("/trade/", {"prefecture": "999999"}).status_code == 400


@pytest.mark.django_db
def test_illustrative_measures_are_marked(client, home_org, editor, actor_for, measure_data):
    from glocal.trade import services

    services.record(actor_for(editor), home_org.pk, measure_data(illustrative=True))
    page = client.get("/trade/", {"on": "2012-01-01"}).content.decode()
    assert "※" in page


@pytest.mark.django_db
def test_measure_history_page(client, hong_kong):
    from glocal.trade.models import Measure

    page = client.get(f"/trade/measures/{Measure.objects.get().pk}/").content.decode()
    for change in ("導入", "強化", "緩和", "撤廃"):
        assert change in page


@pytest.mark.django_db
def test_feed_parses_with_a_feed_reader(client, hong_kong):
    response = client.get("/trade/feed/")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    assert len(parsed.entries) == 4
    assert parsed.entries[0].title.startswith("香港")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_staff_pages_hide_exporters_from_outsiders(
    client, home_org, editor, actor_for, persona, request
):
    from glocal.trade import services

    exporter = services.save_exporter(actor_for(editor), home_org.pk, {"company": "会津酒造"})
    if persona == "outsider":
        client.force_login(request.getfixturevalue("outsider"))
    index = client.get("/staff/trade/")
    assert "会津酒造" not in index.content.decode()
    assert client.get(f"/staff/trade/exporters/{exporter.pk}/").status_code in (302, 404)


@pytest.mark.django_db
def test_members_see_their_exporters(client, home_org, editor, actor_for, member):
    from glocal.trade import services

    services.save_exporter(actor_for(editor), home_org.pk, {"company": "会津酒造"})
    client.force_login(member)
    assert "会津酒造" in client.get("/staff/trade/").content.decode()


@pytest.fixture
def sent(monkeypatch):
    mails = []
    monkeypatch.setattr(alerts, "_send", lambda source, recipients, messages: mails.append(
        ([(r.email, r.language) for r in recipients], messages)))  # fmt: skip
    return mails


@pytest.mark.django_db
def test_double_opt_in_then_alerts_in_each_language(
    client, sent, home_org, editor, actor_for, measure_data, django_capture_on_commit_callbacks
):
    from glocal.trade import services

    response = client.post("/trade/alerts/", {"email": "a@example.org", "language": "en",
                                               "topic": "country", "country": "HK"})  # fmt: skip
    assert response.status_code == 200
    client.post("/trade/alerts/", {"email": "b@example.org", "language": "ja",
                                    "topic": "prefecture", "prefecture": "070009"})  # fmt: skip
    client.post("/trade/alerts/", {"email": "c@example.org", "language": "ja",
                                    "topic": "product_group", "product_group": "酒類"})  # fmt: skip
    assert len(sent) == 3
    assert "Confirm" in sent[0][1]["en"]["subject"]
    # Unconfirmed subscribers hear nothing of a change.
    with django_capture_on_commit_callbacks(execute=True):
        services.record(actor_for(editor), home_org.pk, measure_data())
    assert len(sent) == 3
    for mail in sent[:2]:
        url = mail[1][next(iter(mail[1]))]["body"].split(": ")[-1]
        assert client.get(urlparse(url).path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.record(actor_for(editor), home_org.pk, measure_data(start="2013-01-01",
                        products="野菜、水産物"))  # fmt: skip
    recipients, messages = sent[-1]
    assert sorted(recipients) == [("a@example.org", "en"), ("b@example.org", "ja")]
    assert messages["en"]["subject"] == "Hong Kong: Import suspension Tightened"
    assert messages["ja"]["subject"].startswith("香港")


@pytest.mark.django_db
def test_a_bad_topic_is_refused(client, sent):
    response = client.post("/trade/alerts/", {"email": "a@example.org", "topic": "country",
                                               "country": "XX"})  # fmt: skip
    assert response.status_code == 422
    assert not AlertSubscription.objects.exists()
    assert sent == []


@pytest.mark.django_db
def test_leaving_deletes_the_address(client, sent):
    sub, _token = alerts.subscribe("a@example.org", "ja", "country", "HK", "1.2.3.4")
    response = client.post(f"/trade/alerts/leave/{alerts.leave_token(sub)}/")
    assert response.status_code == 200
    assert not AlertSubscription.objects.exists()
