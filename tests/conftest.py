import os

import dj_database_url
import pytest
from django.conf import settings
from django.db import connections

from glocal.notices import library
from glocal.orgs.actors import Actor
from glocal.orgs.models import ApiToken, Membership, Organisation, Role
from glocal.places.models import LocalGovernment
from glocal.places.reference import load_reference
from tests.pgserver import PostgresServer, PostgresUnavailable

pytest_plugins = ["tests.notices.fixtures"]

IN_CI = os.environ.get("CI", "").lower() == "true"
_postgres: PostgresServer | None = None


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's language: a request through the test client leaves its
    language active in the thread, and a later test must not read the page it saw."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


def pytest_addoption(parser):
    parser.addoption(
        "--database",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="Run the suite on SQLite (default) or a throwaway PostgreSQL server.",
    )


def pytest_configure(config):
    global _postgres
    if config.getoption("--database") != "postgres":
        return
    try:
        _postgres = PostgresServer.start()
    except PostgresUnavailable as exc:
        if IN_CI:
            pytest.exit(f"PostgreSQL tests must run in CI: {exc}", returncode=1)
        pytest.exit(f"Skipping the PostgreSQL pass: {exc}", returncode=0)
    # Keep the defaults Django has filled in (TEST, TIME_ZONE…), drop SQLite's options, and
    # replace the SQLite connection object pytest-django may already have made.
    database = settings.DATABASES["default"]
    database.update(dj_database_url.parse(_postgres.url))
    database["OPTIONS"] = {}
    connections["default"].close()
    del connections["default"]


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests run in the PostgreSQL pass; the SQLite pass leaves them out."""
    if config.getoption("--database") == "postgres":
        return
    kept = [item for item in items if item.get_closest_marker("postgres") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def pytest_unconfigure(config):
    if _postgres is not None:
        _postgres.stop()


def pytest_report_header(config):
    return f"database: {config.getoption('--database')}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference geography and the phrase library are loaded once for the whole session; tests
    roll back their writes."""
    with django_db_blocker.unblock():
        load_reference(progress=False)
        library.load(library.read())


@pytest.fixture
def place():
    def by_code(code: str) -> LocalGovernment:
        return LocalGovernment.objects.get(code=code)

    return by_code


def _make_org(slug: str, code: str) -> Organisation:
    lg = LocalGovernment.objects.get(code=code)
    kind = Organisation.Kind.PREFECTURE if lg.is_prefecture else Organisation.Kind.MUNICIPALITY
    return Organisation.objects.create(
        slug=slug, name=lg.name, name_en=lg.name_en, kind=kind, local_government=lg
    )


@pytest.fixture
def home_org(db):
    return _make_org("fukushima", "070009")


@pytest.fixture
def other_org(db):
    return _make_org("yamagata", "060003")


def _user(django_user_model, username: str, org: Organisation | None, role: Role):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.jp", password="correct-horse-battery"
    )
    if org is not None:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def owner(django_user_model, home_org):
    """Administrator of the home organisation."""
    return _user(django_user_model, "owner", home_org, Role.ADMIN)


@pytest.fixture
def editor(django_user_model, home_org):
    return _user(django_user_model, "editor", home_org, Role.EDITOR)


@pytest.fixture
def member(django_user_model, home_org):
    """A viewer in the home organisation."""
    return _user(django_user_model, "member", home_org, Role.VIEWER)


@pytest.fixture
def outsider(django_user_model, other_org):
    """Administrator of another organisation: must not see the home organisation's records."""
    return _user(django_user_model, "outsider", other_org, Role.ADMIN)


@pytest.fixture
def issue_token(db):
    """Make a token for an organisation and return its plain text."""

    def issue(org: Organisation, role: Role = Role.VIEWER, name: str = "test") -> str:
        token = ApiToken(organisation=org, name=name, role=role)
        plain = token.issue()
        token.save()
        return plain

    return issue


@pytest.fixture
def actor_for():
    def make(user) -> Actor:
        return Actor(user=user, via="test")

    return make


@pytest.fixture
def places_beyond_home(home_org, place):
    """The home organisation (福島県) also keeps the affiliations of Hokkaido's and Nagano's
    towns, by an explicit grant: the shared test files carry their 池田町 rows."""
    from glocal.orgs.models import PlaceGrant

    for code in ("010006", "200000"):
        PlaceGrant.objects.create(
            organisation=home_org, local_government=place(code), reason="test data"
        )
