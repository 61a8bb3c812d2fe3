import pytest

from glocal.plans import importer
from tests.plans.test_files import SMALL


@pytest.fixture
def plan(home_org, django_capture_on_commit_callbacks):
    """A small plan of the home organisation (FY2024–FY2026), with one indicator."""
    with django_capture_on_commit_callbacks(execute=True):
        _checked, done = importer.import_file(SMALL.encode(), "plan.yaml", home_org.pk)
    return done.plan


def error_of(response) -> dict:
    """The API's one error shape, checked, and its inner object."""
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["status"] == response.status_code
    return body["error"]
