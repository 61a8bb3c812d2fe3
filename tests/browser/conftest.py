"""Playwright driving Debian's Chromium (never a downloaded browser) against the live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("GLOCAL_SCREENSHOTS", "var/screenshots"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = "browser tests need Debian's chromium at /usr/bin/chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; in CI they must run", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests commit for real, and the database is emptied after each; reload it."""
    from glocal.notices import library
    from glocal.places.reference import load_reference

    load_reference(progress=False)
    library.load(library.read())


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="ja-JP", viewport={"width": 1100, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def published_demo(django_user_model):
    """One published notice (shelter opened) of 福島県, composed from phrases."""
    from datetime import timedelta

    from django.utils import timezone

    from glocal.notices import services
    from glocal.notices.models import Facility
    from glocal.orgs.actors import Actor
    from glocal.orgs.models import Membership, Organisation, Role
    from glocal.places.models import LocalGovernment

    prefecture = LocalGovernment.objects.get(code="070009")
    organisation = Organisation.objects.create(
        slug="fukushima-demo", name="福島県", name_en="Fukushima Prefecture",
        kind=Organisation.Kind.PREFECTURE, local_government=prefecture,
    )  # fmt: skip
    people = []
    for name in ("writer", "checker"):
        user = django_user_model.objects.create_user(username=name, password="x")
        Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
        people.append(Actor(user=user, via="test"))
    Facility.objects.create(
        owner=organisation, slug="gym", kind=Facility.Kind.SHELTER, name="鶴ヶ城体育館",
        kana="つるがじょう たいいくかん", is_public=True,
    )  # fmt: skip
    notice = services.create_notice(
        people[0],
        {
            "owner_id": organisation.pk,
            "category": "shelter",
            "severity": "warning",
            "prefecture": "070009",
            "municipalities": ["072028"],
            "valid_from": timezone.now() - timedelta(hours=1),
            "phrases": ["shelter.opened", "shelter.bring_items"],
            "slots": {"date": "2026-11-21", "time": "15:30", "facility": "gym"},
        },
    )
    services.approve_notice(people[1], notice)
    return services.publish_notice(people[0], notice)
