"""Series read through the statement built once per shape give what the ORM gives, for every
kind of reader: anyone, a member of one or two organisations, a superuser."""

from datetime import date

import pytest

from glocal.markets import series
from glocal.markets.models import Measure, Statistic
from glocal.orgs.actors import Actor
from glocal.orgs.models import Role


def _record(owner, period, value, status="final", published=None, public=True, kind="month"):
    year, month = int(period[:4]), int(period[5:7] or 1)
    Statistic.objects.create(
        owner=owner, measure=Measure.objects.get(key="visitor_arrivals"), country="TW",
        period=period, period_kind=kind, period_start=date(year, month, 1), value=value,
        status=status, published_on=published, is_public=public,
    )  # fmt: skip


@pytest.fixture
def figures(home_org, other_org):
    _record(home_org, "2025-01", 100, "preliminary", date(2025, 2, 10))
    _record(other_org, "2025-01", 110, "final", date(2025, 6, 1))
    _record(home_org, "2025-02", 200, "preliminary", date(2025, 3, 10))
    _record(other_org, "2025-02", 205, "preliminary", date(2025, 3, 20))  # published later
    _record(home_org, "2025-03", 300, "preliminary")
    _record(other_org, "2025-03", 301, "preliminary")  # no dates: the later import wins
    _record(home_org, "2025-04", 400, public=False)  # the home organisation's own
    _record(other_org, "2025-05", 500, "final", None)
    _record(home_org, "2025-05", 505, "final", date(2025, 7, 1))  # a known date wins
    _record(other_org, "2025", 5000, kind="year")


def _orm(actor, **cells):
    """The reference: every visible figure through the ORM, ranked by series.best."""
    measure = Measure.objects.get(key="visitor_arrivals")
    found = series.figures(actor).filter(measure=measure, country="TW", **cells)
    return [(p.period, p.value, p.status) for p in series.best(found.values_list(*series.FIELDS))]


def _ours(actor, **options):
    measure = Measure.objects.get(key="visitor_arrivals")
    found = series.series(actor, measure.pk, "TW", **options)
    return [(p.period, p.value, p.status) for p in found]


def test_the_best_figure_of_each_period(figures, home_org):
    public = _ours(None, kind="month")
    assert public == [
        ("2025-01", 110, "final"),
        ("2025-02", 205, "preliminary"),
        ("2025-03", 301, "preliminary"),
        ("2025-05", 505, "final"),
    ]
    member = _ours(Actor(via="test", _roles={home_org.pk: Role.VIEWER}), kind="month")
    assert ("2025-04", 400, "final") in member


def test_every_reader_gets_what_the_orm_gives(figures, home_org, other_org, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.jp", "x")
    readers = [
        None,
        Actor(via="test"),
        Actor(via="test", _roles={other_org.pk: Role.VIEWER}),
        Actor(via="test", _roles={home_org.pk: Role.VIEWER}),
        Actor(via="test", _roles={home_org.pk: Role.VIEWER, other_org.pk: Role.ADMIN}),
        Actor(user=root, via="test"),
    ]
    for actor in readers * 2:  # the second time from the kept statements
        assert _ours(actor) == _orm(actor)
        assert _ours(actor, kind="month") == _orm(actor, period_kind="month")
        window = {"start": date(2025, 2, 1), "end": date(2025, 4, 30)}
        assert _ours(actor, **window) == _orm(
            actor, period_start__gte=window["start"], period_start__lte=window["end"]
        )
    assert len(_ours(readers[-1])) == 6  # the superuser sees the private April too


def test_other_cells_are_other_series(figures, home_org):
    measure = Measure.objects.get(key="visitor_arrivals")
    assert series.series(None, measure.pk, "US") == []
    assert series.series(None, measure.pk, "TW", prefecture="060003") == []
    assert series.series(None, measure.pk + 999, "TW") == []
