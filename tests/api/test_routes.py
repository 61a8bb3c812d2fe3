"""The API's routes are nested under their first segment (Django tries patterns one by one, and
a scan at the door came ninetieth); nesting must not change which paths exist or what they do."""

from django.urls import URLPattern, URLResolver, resolve

from glocal import api_v1


def flattened(patterns, prefix="") -> list[tuple[str, str]]:
    """(full route, URL name) in the order Django tries them, through nested includes."""
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += flattened(pattern.url_patterns, route)
        else:
            assert isinstance(pattern, URLPattern)
            found.append((route, pattern.name))
    return found


def test_nesting_keeps_every_route_and_its_view():
    flat = [(str(p.pattern), p.name) for p in api_v1.api.urls[0]]
    nested = flattened(api_v1.urlpatterns)
    assert nested.pop() == ("<path:rest>", None)  # the JSON 404 for everything else
    # The same routes; Django takes the first of a repeated one, and that order is kept.
    assert sorted(nested) == sorted(flat)
    for route in {route for route, _name in flat}:
        assert [n for r, n in nested if r == route] == [n for r, n in flat if r == route]
    assert len(flat) > 100
    tried_first = api_v1.urlpatterns[0].url_patterns
    assert len(tried_first) < 30  # a prefix per app and its list route, not 120


def test_a_nested_route_resolves_and_a_wrong_one_under_its_prefix_is_the_json_404(client):
    match = resolve("/api/v1/events/12/checkin")
    assert match.kwargs == {"event_id": "12"}
    assert match.url_name == "check_in"
    assert match.namespace == "api-v1"
    response = client.get("/api/v1/events/12/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
