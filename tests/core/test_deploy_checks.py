"""`glocal check --deploy` refuses a guessable secret key in production."""

import secrets

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.core.management.utils import get_random_secret_key
from django.test import override_settings

from glocal.core.checks import secret_key_weaknesses
from tests.core.test_settings import run_glocal

WEAK = {
    "short": "Qm7#vP2!xL9@",
    "the development default": "insecure-development-key-never-use-in-production-ok",
    "a placeholder": "changeme-" + secrets.token_urlsafe(50),
    "the word secret": "my-secret-" + secrets.token_urlsafe(50),
    "one character": "a" * 60,
    "few characters": "abab1212" * 8,
    "a repeated piece": "k" * 20 + "x9-Q2!v7#" * 5,
    "a repeated long piece": "Zq8#Lm2@Wd5!Hs" * 5,
}
STRONG = {
    "token_urlsafe(50)": secrets.token_urlsafe(50),
    "token_hex(32)": secrets.token_hex(32),
    "Django's generator": get_random_secret_key(),
}


@pytest.mark.parametrize("key", WEAK.values(), ids=WEAK.keys())
def test_weak_keys_are_named_weak(key):
    assert secret_key_weaknesses(key)


@pytest.mark.parametrize("key", STRONG.values(), ids=STRONG.keys())
def test_random_keys_pass(key):
    assert secret_key_weaknesses(key) == []


def test_generated_keys_pass_every_time():
    keys = [secrets.token_urlsafe(50) for _ in range(500)] + [
        secrets.token_hex(32) for _ in range(500)
    ]
    assert [key for key in keys if secret_key_weaknesses(key)] == []


@override_settings(PRODUCTION=True, SECRET_KEY="changeme-changeme-changeme")
def test_deploy_check_fails_on_a_weak_key_in_production():
    with pytest.raises(SystemCheckError, match=r"glocal\.E001.*fewer than 50.*'changeme'"):
        call_command("check", "--deploy")


@override_settings(PRODUCTION=True, SECRET_KEY=secrets.token_urlsafe(50))
def test_deploy_check_passes_a_strong_key_in_production():
    call_command("check", "--deploy", "--tag", "security")


@override_settings(PRODUCTION=False, SECRET_KEY="insecure-development-key-never-use-in-production")
def test_development_keeps_its_default_key():
    call_command("check", "--deploy", "--tag", "security")


def test_glocal_check_deploy_exits_non_zero_on_a_weak_key(tmp_path):
    result = run_glocal(
        "check",
        "--deploy",
        GLOCAL_ENV="production",
        GLOCAL_HOME=str(tmp_path),
        GLOCAL_SECRET_KEY="password" * 8,
        GLOCAL_ALLOWED_HOSTS="glocal.example.jp",
    )
    assert result.returncode != 0
    assert "glocal.E001" in result.stderr
    assert "GLOCAL_SECRET_KEY looks weak" in result.stderr
