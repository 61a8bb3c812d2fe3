from datetime import timedelta

import pytest
from django.utils import timezone

from glocal.events import services
from glocal.orgs.actors import Actor


def call(client, method, path, body=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return getattr(client, method)(
        f"/api/v1{path}", body, content_type="application/json", **headers
    )


def event_body(**changes) -> dict:
    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    body = {
        "kind": "seminar",
        "title": {"ja": "地域の魅力発信セミナー", "en": "Regional Promotion Seminar"},
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=3)).isoformat(),
        "timezone": "Asia/Tokyo",
        "capacity": 2,
        "public": True,
        "questions": [
            {"key": "diet", "label": {"ja": "食事制限", "en": "Dietary needs"}},
            {"key": "interpreter", "label": {"ja": "通訳", "en": "Interpreter"}, "type": "yesno"},
        ],
    }
    return body | changes


@pytest.fixture
def make_event(home_org, editor):
    """An event of the home organisation, made through the service as its editor."""

    def make(**changes):
        body = event_body(**changes)
        data = {k: v for k, v in body.items() if k != "public"} | {"is_public": body["public"]}
        from django.utils.dateparse import parse_datetime

        data["starts_at"] = parse_datetime(data["starts_at"])
        data["ends_at"] = parse_datetime(data["ends_at"])
        return services.create_event(Actor(user=editor, via="test"), home_org.pk, data)

    return make


def applicant(n: int, **changes) -> services.Applicant:
    fields = {"name": f"Guest {n}", "email": f"guest{n}@example.org", "language": "en"}
    return services.Applicant(**(fields | changes))
