"""The staff profile form takes countries within the API's bounds, resolved without a query per
entry (security review finding 8)."""

import pytest
from django.db import connection

from glocal.partners.models import PartnerProfile

pytestmark = pytest.mark.django_db


def post_counting_queries(client, countries: str):
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        answer = client.post(
            "/staff/partners/requests/", {"profile": "1", "countries": countries, "pr": "x"}
        )
    return answer, count


def test_a_long_list_is_refused_and_a_repeated_one_costs_a_few_queries(client, editor):
    client.force_login(editor)
    answer, count = post_counting_queries(client, "US," * 4000)
    assert count < 100, f"{count} queries for one form post (HTTP {answer.status_code})"
    assert not PartnerProfile.objects.exists()
    answer, count = post_counting_queries(client, "US, 米国," * 300)
    assert count < 100, f"{count} queries for one form post (HTTP {answer.status_code})"
    assert PartnerProfile.objects.get().countries == ["US"]


def test_more_than_fifty_countries_are_refused(client, editor):
    from glocal.places.models import Country

    client.force_login(editor)
    codes = list(Country.objects.order_by("code").values_list("code", flat=True)[:51])
    assert len(codes) == 51
    answer, count = post_counting_queries(client, ", ".join(codes))
    assert "50" in answer.content.decode()
    assert not PartnerProfile.objects.exists()
    answer, count = post_counting_queries(client, ", ".join(codes[:50]))
    assert len(PartnerProfile.objects.get().countries) == 50
    assert count < 200


def test_a_name_beyond_128_characters_is_refused(client, editor):
    client.force_login(editor)
    answer, _count = post_counting_queries(client, "米国, " + "x" * 129)
    assert not PartnerProfile.objects.exists()
    assert answer.status_code in (200, 422)
