"""The commands a fresh machine runs, end to end, on a real embedded database."""

import pytest

from tests.core.test_settings import run_glocal


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("glocal-home")
    result = run_glocal("migrate", "-v0", GLOCAL_HOME=str(home))
    assert result.returncode == 0, result.stderr
    return home


def test_load_reference_twice_changes_nothing(home):
    first = run_glocal("load-reference", GLOCAL_HOME=str(home))
    assert first.returncode == 0, first.stderr
    assert "LocalGovernment: 1965 created, 0 updated" in first.stdout
    assert "reference data" in first.stderr  # the progress bar
    second = run_glocal("load-reference", "--no-progress", GLOCAL_HOME=str(home))
    assert "LocalGovernment: 0 created, 0 updated" in second.stdout
    assert "already up to date" in second.stdout


def test_load_demo_is_idempotent(home):
    run_glocal("load-reference", "--no-progress", GLOCAL_HOME=str(home))
    for _ in range(2):
        result = run_glocal("load-demo", GLOCAL_HOME=str(home))
        assert result.returncode == 0, result.stderr
    count = run_glocal(
        "shell",
        "-v0",
        "-c",
        "from glocal.orgs.models import *; "
        "print(Organisation.objects.count(), Membership.objects.count())",
        GLOCAL_HOME=str(home),
    )
    assert count.stdout.split() == ["5", "7"]
    derived = run_glocal(
        "shell",
        "-v0",
        "-c",
        "from glocal.plans.models import Actual; "
        "print([(a.fiscal_year, a.sample) for a in Actual.objects.filter("
        "indicator__code='Y-04', indicator__node__plan__owner__slug='yamagata-pref')"
        ".order_by('fiscal_year')])",
        GLOCAL_HOME=str(home),
    )
    # The Yamagata plan (FY2020–2024) shows its overnight stays, counted from the demo's
    # statistics for each of its years and marked as samples like those statistics.
    assert derived.stdout.strip() == str([(year, True) for year in range(2020, 2025)])


def test_worker_delivers_a_queued_email_to_the_mailbox(home):
    run_glocal("load-reference", "--no-progress", GLOCAL_HOME=str(home))
    run_glocal("load-demo", GLOCAL_HOME=str(home))
    enqueue = run_glocal(
        "shell",
        "-v0",
        "-c",
        """
from django.contrib.auth.models import User
from glocal.orgs import services
from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation
User.objects.get_or_create(username="newcomer", email="newcomer@example.jp")
services.add_member(Actor(user=User.objects.get(username="admin"), via="cli"),
                    Organisation.objects.get(slug="fia"), "newcomer@example.jp", "viewer")
""",
        GLOCAL_HOME=str(home),
    )
    assert enqueue.returncode == 0, enqueue.stderr
    assert not (home / "mail").exists() or not list((home / "mail").iterdir())
    worker = run_glocal("worker", "--batch", "--no-startup-delay", GLOCAL_HOME=str(home))
    assert worker.returncode == 0, worker.stderr
    messages = [path.read_text() for path in (home / "mail").iterdir()]
    # The demo's own mail (event tickets to its fictional guests) goes out in the same run.
    assert len([m for m in messages if "To: newcomer@example.jp" in m]) == 1
