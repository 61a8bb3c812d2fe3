"""What every version of the HTTP API shares: one NinjaAPI with the error shape, the security
schemes and a JSON renderer that writes Japanese as characters. The project assembles the
apps' routers (`glocal/api_v1.py`); this package imports no app."""

from collections.abc import Iterable

from django.http import HttpRequest
from django.urls import URLPattern, include, path
from django.utils.translation import gettext as _
from ninja import Router
from ninja.renderers import JSONRenderer

from glocal.api import errors
from glocal.api.openapi import GlocalAPI

DESCRIPTION = (
    "International affairs of Japanese local governments. Reference data and public records "
    "need no login; everything else takes a session or an organisation's API token "
    '(`Authorization: Bearer glc_…`). Lists are `{"items": [...], "count": N}` with '
    '`limit` and `offset`. Errors are `{"error": {"status", "code", "message", '
    '"fields"}}`.'
)


class UnicodeJSONRenderer(JSONRenderer):
    """Japanese names as characters, not \\u escapes: readable in logs and curl."""

    json_dumps_params = {"ensure_ascii": False}


def build(version: str, routers: Iterable[tuple[str, Router]]) -> GlocalAPI:
    """One API version from (prefix, router) pairs."""
    api = GlocalAPI(
        renderer=UnicodeJSONRenderer(),
        title="Glocal API",
        version=version,
        description=DESCRIPTION,
        urls_namespace=f"api-v{version}",
        docs_url="/docs",
    )
    errors.install(api)
    for prefix, router in routers:
        api.add_router(prefix, router)
    return api


def unknown_endpoint(request: HttpRequest, rest: str = ""):
    return errors.error_response(
        404, _("There is no API endpoint at %(path)s.") % {"path": request.path}
    )


def urlpatterns(api: GlocalAPI) -> list:
    """The API's URLs, and a JSON 404 in the error shape for any other path under it."""
    patterns, app_name, namespace = api.urls
    return [
        path("", include((by_first_segment(patterns), app_name), namespace=namespace)),
        path("<path:rest>", unknown_endpoint),
    ]


def by_first_segment(patterns: list[URLPattern]) -> list:
    """The same routes, nested under their first path segment.

    Django tries URL patterns one after another, and the API has over a hundred: a phone
    checking people in at the door was matched against ninety routes before its own. Nested,
    a request is tried against a dozen prefixes and then its own app's routes. A route that is
    its prefix alone (`events`) or starts with a parameter stays where it was; routes with
    different first segments cannot match the same path, so the order that matters (within a
    prefix) is kept.
    """
    groups: dict[str, list[URLPattern]] = {}
    nested: list = []
    for pattern in patterns:
        route = str(pattern.pattern)
        first, slash, rest = route.partition("/")
        if not slash or "<" in first:
            nested.append(pattern)
            continue
        if first not in groups:
            groups[first] = []
            nested.append((first, groups[first]))
        groups[first].append(path(rest, pattern.callback, pattern.default_args, name=pattern.name))
    return [
        path(f"{item[0]}/", include(item[1])) if isinstance(item, tuple) else item
        for item in nested
    ]
