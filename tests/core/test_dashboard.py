"""The staff dashboard shows what awaits the user; the home page links every public app."""

import pytest
from django.utils import translation

from glocal.notices.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def _dashboard(client, user) -> str:
    client.force_login(user)
    return client.get("/staff/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_draft_awaits_the_organisations_editors(client, draft, editor, outsider, member):
    page = _dashboard(client, editor)
    assert "Waiting for you" in page
    assert '<span class="figure">1</span> Notices awaiting approval' in page
    assert 'href="/staff/notices/"' in page
    # Another organisation's staff and the viewer who cannot approve are not asked to.
    assert "Notices awaiting approval" not in _dashboard(client, outsider)
    assert "Notices awaiting approval" not in _dashboard(client, member)


def test_nothing_waiting_is_said_plainly(client, outsider):
    assert "Nothing is waiting for you in this organisation." in _dashboard(client, outsider)


def test_an_approved_notice_asks_to_be_published(client, draft, editor):
    Notice.objects.filter(pk=draft.pk).update(status=Notice.Status.APPROVED)
    page = _dashboard(client, editor)
    assert "Approved notices not yet published" in page
    assert "Notices awaiting approval" not in page


def test_home_page_links_every_public_app(client, english):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for href in ('"/residents/"', '"/partners/"', '"/partners/requests/"', '"/plans/"'):
        assert f"href={href}" in page, href
    assert client.get("/plans/").status_code == 200
