"""The resident portal without a browser: languages, areas, furigana, review labels."""

import re

import pytest

from glocal.notices import services

pytestmark = pytest.mark.django_db


def test_start_follows_the_browser_language(client):
    response = client.get("/residents/", HTTP_ACCEPT_LANGUAGE="vi-VN,vi;q=0.9,en;q=0.5")
    assert response["Location"] == "/residents/vi/"
    response = client.get("/residents/", HTTP_ACCEPT_LANGUAGE="zh-TW")
    assert response["Location"] == "/residents/zh-Hant/"
    assert client.get("/residents/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/residents/ja/"


def test_list_in_vietnamese(client, published):
    page = client.get("/residents/vi/?area=072028").content.decode()
    vi = published.published_version.text("vi")
    assert '<html lang="vi" dir="ltr">' in page
    assert vi.title in page
    assert "Thông báo" in page or "thông báo" in page
    # the chooser names each language in its own script, marked with its language
    link = re.search(
        r'<a lang="my" dir="ltr" hreflang="my"\s+href="([^"]+)"[^>]*>([^<]+)</a>', page
    )
    assert link.groups() == ("/residents/my/?area=072028", "မြန်မာဘာသာ")


def test_area_filter_and_empty_message(client, published, publish_update):
    page = client.get("/residents/en/?area=072010").content.decode()
    assert published.published_version.text("en").title not in page
    assert "There are no current notices for this area." in page


def test_easy_japanese_page_has_furigana(client, published, publish_update):
    page = client.get(f"/residents/ja-x-easy/notices/{published.pk}/").content.decode()
    assert '<html lang="ja-x-easy"' in page
    assert "<ruby>" in page
    assert "<rt>" in page


def test_unreviewed_translations_say_so(client, published, publish_update):
    page = client.get(f"/residents/en/notices/{published.pk}/").content.decode()
    assert "This translation has not yet been checked by a person." in page
    assert 'href="/residents/ja/notices/' in page


def test_cancelled_notice_page_says_so(client, published, publish_update, editor, actor_for):
    services.cancel_notice(actor_for(editor), published)
    page = client.get(f"/residents/en/notices/{published.pk}/").content.decode()
    assert "This notice has been cancelled." in page
    assert (
        published.published_version.text("en").title
        not in client.get("/residents/en/").content.decode()
    )


def test_drafts_and_unknown_languages_are_not_found(client, draft):
    assert client.get(f"/residents/en/notices/{draft.pk}/").status_code == 404
    assert client.get("/residents/xx/").status_code == 404


def test_cached_pages_follow_updates_and_cancellation(
    client, published, publish_update, editor, owner, actor_for
):
    path = f"/residents/en/notices/{published.pk}/"
    first = published.published_version.text("en").title
    assert first in client.get(path).content.decode()
    assert first in client.get(path).content.decode()  # from the cache
    publish_update(published)
    published.refresh_from_db()
    second = published.published_version.text("en").title
    assert second in client.get(path).content.decode()
    services.cancel_notice(actor_for(editor), published)
    assert "This notice has been cancelled." in client.get(path).content.decode()


def test_easy_japanese_title_carries_no_furigana(client, published):
    page = client.get(f"/residents/ja-x-easy/notices/{published.pk}/").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    easy = published.published_version.text("ja-x-easy").title
    assert title.startswith(easy)
    assert "<rt>" not in title


def test_emergencies_are_listed_first(
    client, published, draft_two, editor, owner, actor_for, home_org
):
    """An older emergency stands above a newer piece of information."""
    emergency = services.create_notice(
        actor_for(editor),
        {
            "owner_id": home_org.pk,
            "category": "earthquake",
            "severity": "emergency",
            "prefecture": "070009",
            "phrases": ["earthquake.aftershocks"],
            "slots": {},
        },
    )
    for notice in (emergency, draft_two):  # the emergency is published first
        services.approve_notice(actor_for(owner), notice)
        services.publish_notice(actor_for(editor), notice)
    page = client.get("/residents/en/?area=070009").content.decode()
    titles = [n.published_version.text("en").title for n in (emergency, published, draft_two)]
    assert len(set(titles)) == 3
    positions = [page.index(t) for t in titles]
    assert positions == sorted(positions), "emergency, then warning, then information"
