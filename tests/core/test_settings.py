"""Settings are read from the environment and fail loudly; production fails closed."""

import os
import subprocess
import sys

import pytest

from glocal import env
from glocal.env import ConfigurationError
from glocal.mailurl import email_settings


def run_glocal(*args: str, **environment: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GLOCAL_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "glocal", *args],
        capture_output=True,
        text=True,
        env={**clean, **environment},
        timeout=120,
        check=False,
    )


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = run_glocal("check", GLOCAL_ENV="production", GLOCAL_HOME=str(tmp_path))
    assert result.returncode != 0
    assert "GLOCAL_SECRET_KEY" in result.stderr


def test_production_with_secret_passes_deploy_checks(tmp_path):
    result = run_glocal(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        GLOCAL_ENV="production",
        GLOCAL_HOME=str(tmp_path),
        GLOCAL_SECRET_KEY="pX3q-Lz8vR2nT6wK9mB4cY7hJ1dF5gS0aE_uN8iO2kW6rV4tZ3xC9bQ7yM5lH1jG",
        GLOCAL_ALLOWED_HOSTS="glocal.example.jp",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_secret_key_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s" * 60)
    result = run_glocal(
        "shell",
        "-v0",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, len(settings.SECRET_KEY))",
        GLOCAL_ENV="production",
        GLOCAL_HOME=str(tmp_path),
        GLOCAL_SECRET_KEY_FILE=str(secret),
        GLOCAL_ALLOWED_HOSTS="x.example.jp",
    )
    assert result.stdout.split() == ["False", "60"], result.stderr


def test_embedded_defaults(tmp_path):
    result = run_glocal(
        "shell",
        "-v0",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default']"
        "['NAME'], s.EMAIL_FILE_PATH, s.TASKS['default']['BACKEND'], s.TIME_ZONE, s.USE_TZ, "
        "s.LANGUAGE_CODE)",
        GLOCAL_HOME=str(tmp_path),
    )
    assert result.stdout.split() == [
        str(tmp_path / "glocal.sqlite3"),
        str(tmp_path / "mail"),
        "django_tasks_db.DatabaseBackend",
        "Asia/Tokyo",
        "True",
        "ja",
    ], result.stderr


def test_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("GLOCAL_DEBUG", "perhaps")
    with pytest.raises(ConfigurationError, match="GLOCAL_DEBUG"):
        env.boolean("GLOCAL_DEBUG", False)


def test_bad_integer_names_the_variable(monkeypatch):
    monkeypatch.setenv("GLOCAL_HSTS_SECONDS", "a year")
    with pytest.raises(ConfigurationError, match="GLOCAL_HSTS_SECONDS"):
        env.integer("GLOCAL_HSTS_SECONDS", 0)


def test_unknown_environment_is_refused(tmp_path):
    result = run_glocal("check", GLOCAL_ENV="staging", GLOCAL_HOME=str(tmp_path))
    assert result.returncode != 0
    assert "GLOCAL_ENV" in result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://mail.example.jp",
            {"EMAIL_HOST": "mail.example.jp", "EMAIL_PORT": 25, "EMAIL_USE_TLS": False},
        ),
        (
            "smtp+tls://u%40x:p%2Fw@mail.example.jp:2525",
            {
                "EMAIL_PORT": 2525,
                "EMAIL_USE_TLS": True,
                "EMAIL_HOST_USER": "u@x",
                "EMAIL_HOST_PASSWORD": "p/w",
            },
        ),
        ("smtps://mail.example.jp", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        ("file:///var/mail/glocal", {"EMAIL_FILE_PATH": "/var/mail/glocal"}),
    ],
)
def test_email_urls(url, expected):
    settings = email_settings(url)
    assert {key: settings[key] for key in expected} == expected


def test_unknown_email_scheme_is_named():
    with pytest.raises(ConfigurationError, match="GLOCAL_EMAIL_URL"):
        email_settings("pigeon://loft")
