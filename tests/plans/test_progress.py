"""Achievement, grades, roll-up, locking, derived indicators, and the API."""

import pytest
from django.core.exceptions import ValidationError

from glocal.orgs.models import Role
from glocal.partners.importer import check, read_table
from glocal.plans import derived, progress, services
from glocal.plans.models import Actual, Indicator, Node, Plan, Target
from tests.partners.test_importer import GOOD, load_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "actual", "expected"),
    [
        ("increase", 100, 200, 150, 0.5),
        ("increase", 100, 200, 220, 1.2),
        ("increase", 100, 200, 90, -0.1),
        ("decrease", 50, 30, 40, 0.5),  # halfway down
        ("decrease", 50, 30, 25, 1.25),
        ("maintain", 10, 10, 12, 1.0),
        ("maintain", 10, 10, 8, 0.8),
        ("increase", 5, 5, 5, 1.0),
        ("increase", 5, 5, 4, 0.0),
        ("increase", 100, 200, None, None),
        ("increase", 100, None, 150, None),
    ],
)
def test_achievement(direction, baseline, target, actual, expected):
    value = progress.achievement(direction, baseline, target, actual)
    assert value == pytest.approx(expected) if expected is not None else value is None


@pytest.mark.parametrize(
    ("value", "band"), [(1.2, "A"), (1.0, "A"), (0.99, "B"), (0.8, "B"), (0.6, "C"), (0.1, "D"),
                        (-0.5, "D"), (None, None)],
)  # fmt: skip
def test_grades(value, band):
    assert progress.grade(value) == band


@pytest.fixture
def plan(home_org):
    plan = Plan.objects.create(
        owner=home_org, title="福島県国際施策推進プラン（例）", start_fy=2022, end_fy=2030
    )
    objective = Node.objects.create(plan=plan, code="1", kind="objective", title="世界とつながる")
    measure = Node.objects.create(
        plan=plan, parent=objective, code="1-1", kind="measure", title="姉妹交流"
    )
    exchanges = Indicator.objects.create(
        node=measure, code="I-1", name="交流事業の数", unit="件", direction="increase",
        baseline_fy=2020, baseline=10,
    )  # fmt: skip
    Target.objects.create(indicator=exchanges, fiscal_year=2025, value=20)
    consultations = Indicator.objects.create(
        node=objective, code="I-2", name="未解決の相談", unit="件", direction="decrease",
        baseline_fy=2020, baseline=100,
    )  # fmt: skip
    Target.objects.create(indicator=consultations, fiscal_year=2025, value=50)
    return plan


def test_roll_up_averages_what_exists(plan, owner, actor_for):
    first, second = Indicator.objects.order_by("code")
    services.enter_actuals(
        actor_for(owner), plan, 2025, {str(first.pk): "15", str(second.pk): "50"}
    )
    [objective] = progress.tree(plan, 2025)
    [measure] = objective.children
    assert (measure.achievement, measure.grade) == (0.5, "D")
    # the objective: its own indicator (1.0) and its measure (0.5)
    assert (objective.achievement, objective.grade) == (0.75, "C")


def test_actuals_are_all_checked_first_and_locked_years_refused(plan, owner, actor_for):
    first, second = Indicator.objects.order_by("code")
    with pytest.raises(ValidationError) as error:
        services.enter_actuals(
            actor_for(owner), plan, 2025, {str(first.pk): "12", str(second.pk): "many"}
        )
    assert "I-2" in error.value.message_dict
    assert Actual.objects.count() == 0  # nothing half-written
    with pytest.raises(ValidationError) as outside:
        services.enter_actuals(actor_for(owner), plan, 2040, {str(first.pk): "12"})
    assert "fiscal_year" in outside.value.message_dict
    services.lock_year(actor_for(owner), plan, 2025)
    with pytest.raises(ValidationError, match="2025"):
        services.enter_actuals(actor_for(owner), plan, 2025, {str(first.pk): "12"})


def test_derived_indicator_recomputes_from_partnership_records(plan, home_org, places_beyond_home):
    indicator = Indicator.objects.get(code="I-1")
    indicator.derived = "partners.active_affiliations"
    indicator.direction = "increase"
    indicator.save()
    assert derived.recompute(indicator, 2025).value == 0
    load_rows(check(read_table(GOOD.encode(), "a.csv")).rows, home_org)  # three affiliations
    actual = derived.recompute(indicator, 2025)
    assert actual.value == 3
    assert "affiliations" in actual.provenance


def test_api(client, plan, issue_token, home_org, other_org):
    plan.is_public = True
    plan.save()
    listed = client.get("/api/v1/plans").json()
    assert listed["items"][0]["start_fy"] == 2022
    token = issue_token(home_org, Role.EDITOR)
    first = Indicator.objects.get(code="I-1")
    saved = client.post(
        f"/api/v1/plans/{plan.pk}/actuals",
        {"fiscal_year": 2025, "values": {str(first.pk): "20"}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert saved.json() == {"saved": 1}
    items = client.get(f"/api/v1/plans/{plan.pk}/indicators?fy=2025").json()["items"]
    by_code = {i["code"]: i for i in items}
    assert (by_code["I-1"]["achievement"], by_code["I-1"]["grade"]) == (1.0, "A")
    assert by_code["I-2"]["achievement"] is None
    tree = client.get(f"/api/v1/plans/{plan.pk}?fy=2025").json()
    assert tree["nodes"][0]["children"][0]["grade"] == "A"
    outsider = issue_token(other_org, Role.ADMIN)
    refused = client.post(
        f"/api/v1/plans/{plan.pk}/actuals",
        {"fiscal_year": 2025, "values": {str(first.pk): "1"}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {outsider}",
    )
    assert refused.status_code == 403
    bad = client.post(
        f"/api/v1/plans/{plan.pk}/actuals",
        {"fiscal_year": 2025, "values": {str(first.pk): "x"}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"][0]["field"] == "I-1"


def test_roll_up_counts_each_indicator_between_nothing_and_full(plan, owner, actor_for):
    first, second = Indicator.objects.order_by("code")
    second.node = first.node
    second.save()
    # I-1: 10 → target 20, actual 40 is 300%; I-2: 100 → target 50, actual 300 is −400%
    services.enter_actuals(
        actor_for(owner), plan, 2025, {str(first.pk): "40", str(second.pk): "300"}
    )
    [objective] = progress.tree(plan, 2025)
    [measure] = objective.children
    achievements = [value for _i, _t, _a, value, _row in measure.indicators]
    assert achievements == [3.0, -4.0]
    assert (measure.achievement, measure.grade) == (0.5, "D")


def test_grade_follows_the_percentage_shown():
    value = progress.achievement("increase", 1.2, 2.2, 2.0)  # 79.99999… in floating point
    assert (progress.percent(value), progress.grade(value)) == ("80.0%", "B")
    value = progress.achievement("increase", 0, 1000, 999.6)
    assert (progress.percent(value), progress.grade(value)) == ("100.0%", "A")
