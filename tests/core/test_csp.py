"""Every page carries a Content-Security-Policy that allows only the application's own files;
the templates hold nothing that policy would refuse; the API docs need no CDN."""

import re
from pathlib import Path

import pytest

import glocal

pytestmark = pytest.mark.django_db

TEMPLATES = Path(glocal.__file__).parent
# The plan report's HTML is a download (Content-Disposition: attachment) and WeasyPrint's
# input: no browser applies a policy to it, and its print styles stay with it.
NOT_SERVED_AS_PAGES = {"plans/templates/plans/report.html"}


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


def assert_strict(response):
    found = policy(response)
    assert found["default-src"] == ["'self'"]
    assert found["script-src"][0] == "'self'"
    assert all(v == "'self'" or v.startswith("'nonce-") for v in found["script-src"])
    assert all(v == "'self'" or v.startswith("'nonce-") for v in found["style-src"])
    assert found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'self'"]
    assert found["frame-ancestors"] == ["'none'"]
    assert found["form-action"] == ["'self'"]
    sources = [v for values in found.values() for v in values]
    assert not [v for v in sources if "://" in v or "." in v or v in ("*", "https:", "http:")]
    assert "'unsafe-inline'" not in sources
    assert "'unsafe-eval'" not in sources


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/admin/login/", "/residents/ja/", "/api/v1/docs"]
)
def test_public_pages_carry_the_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_strict(response)


@pytest.mark.parametrize("url", ["/staff/", "/staff/easyja/", "/staff/notices/", "/admin/"])
def test_staff_pages_carry_the_policy(client, owner, url):
    owner.is_staff = owner.is_superuser = True
    owner.save()
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    assert_strict(response)


def test_api_docs_are_served_by_the_application(client):
    page = client.get("/api/v1/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in assets
    assert "/static/ninja/swagger-ui.css" in assets
    assert not [a for a in assets if "//" in a], "no CDN"
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        b"".join(response.streaming_content)  # whitenoise streams; close the file


def _served_templates():
    for path in sorted(TEMPLATES.glob("**/templates/**/*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name not in NOT_SERVED_AS_PAGES:
            yield name, path.read_text(encoding="utf-8")


def test_templates_have_no_inline_script_or_style_without_a_nonce():
    offending = []
    for name, text in _served_templates():
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", text):
            if "src=" not in tag and "nonce=" not in tag and 'type="application/' not in tag:
                offending.append((name, tag))
        offending += [(name, a) for a in re.findall(r"\sstyle=\"[^\"]*\"", text)]
        offending += [(name, a) for a in re.findall(r"\son[a-z]+=\"", text)]
    assert offending == []


def test_htmx_does_not_inject_its_indicator_style(client, owner):
    client.force_login(owner)
    page = client.get("/staff/easyja/").content.decode()
    config = re.findall(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
    assert len(config) == 1, "htmx reads the first htmx-config only"
    assert '"includeIndicatorStyles": false' in config[0]
    assert '"responseHandling"' in config[0]


def test_api_json_carries_a_policy_that_allows_nothing(client):
    """JSON is never a page: its policy lets nothing load or frame it; the API's HTML docs keep
    the site's policy."""
    response = client.get("/api/v1/places/prefectures")
    assert response["Content-Type"].startswith("application/json")
    assert policy(response) == {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}
    assert policy(client.get("/api/v1/no-such-thing")) == policy(response)  # errors too
    assert_strict(client.get("/api/v1/docs"))
