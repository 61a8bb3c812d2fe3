import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_database_it_was_asked_for(request):
    expected = {"sqlite": "sqlite", "postgres": "postgresql"}[
        request.config.getoption("--database")
    ]
    assert connection.vendor == expected
