"""Achievement, grades and their roll-up through a plan's tree.

Achievement (達成率) = (actual − baseline) / (target − baseline) for increase and decrease
indicators, the formula Japanese governments report. A *maintain* indicator has a level to keep
(its target): achievement is actual / target, capped at 1, so keeping the level or doing better
is 100% and falling short shows by how much. When an increase or decrease target equals the
baseline, reaching it counts as 1 and missing it as 0. Missing values give no achievement
(None).

A node's roll-up is the mean of what exists below it: its own indicators, each counted between 0
and 1 (so one indicator far beyond its target cannot hide another far behind, and one that fell
below its baseline counts as nothing rather than as minus several hundred per cent), and its
children's roll-ups.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from glocal import wareki

DEFAULT_BANDS = (("A", 1.0), ("B", 0.8), ("C", 0.6), ("D", float("-inf")))


def achievement(direction: str, baseline, target, actual) -> float | None:
    """Rounded to 0.1% (three decimals of the fraction): the precision reports show, so that
    the grade is the one the printed percentage implies (1.2 → 2.0 against 2.2 is 80.0%, B,
    not 79.99999…%, C)."""
    if actual is None or target is None or baseline is None:
        return None
    if direction == "maintain":
        if target == 0:
            return 1.0 if actual >= 0 else 0.0
        return round(min(1.0, actual / target), 3)
    if target == baseline:
        reached = actual >= target if direction == "increase" else actual <= target
        return 1.0 if reached else 0.0
    return round((actual - baseline) / (target - baseline), 3)


def percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def grade(value: float | None, bands=None) -> str | None:
    """The band a fraction falls in: A ≥ 100%, B ≥ 80%, C ≥ 60%, D below, unless the
    PLAN_GRADE_BANDS setting gives other (name, lowest) pairs."""
    if value is None:
        return None
    for name, lowest in bands or getattr(settings, "PLAN_GRADE_BANDS", DEFAULT_BANDS):
        if value >= lowest:
            return name
    return None


def year_running(fiscal_year: int, today=None) -> bool:
    """Whether a fiscal year is not over yet: what is counted for it so far is partial."""
    return fiscal_year >= wareki.fiscal_year(today or timezone.localdate())


@dataclass
class NodeProgress:
    node: object
    indicators: list = field(default_factory=list)  # (indicator, target, actual, achievement)
    children: list = field(default_factory=list)
    achievement: float | None = None
    grade: str | None = None


def year_values(indicator, fiscal_year: int, end_fy: int | None = None):
    """(target, actual, actual row) of an indicator in a fiscal year; the final target stands in
    for a missing yearly target in the plan's last year (`end_fy`)."""
    target = next((t.value for t in indicator.targets.all() if t.fiscal_year == fiscal_year), None)
    if target is None and fiscal_year == end_fy:
        target = indicator.final_target
    row = next((a for a in indicator.actuals.all() if a.fiscal_year == fiscal_year), None)
    return target, (row.value if row else None), row


def tree(plan, fiscal_year: int) -> list[NodeProgress]:
    """The plan's tree with each node's indicators, achievements and rolled-up grades. In a
    year still running, derived indicators show what was counted so far but are not graded:
    a count of half a year against a whole year's target would read as failure."""
    partial = year_running(fiscal_year)
    nodes = list(plan.nodes.prefetch_related("indicators__targets", "indicators__actuals"))
    by_parent: dict = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)

    def build(node) -> NodeProgress:
        progress = NodeProgress(node)
        values = []
        for indicator in node.indicators.all():
            target, actual, row = year_values(indicator, fiscal_year, plan.end_fy)
            value = achievement(indicator.direction, indicator.baseline, target, actual)
            if partial and indicator.derived:
                value = None
            progress.indicators.append((indicator, target, actual, value, row))
            if value is not None:
                values.append(min(1.0, max(0.0, value)))
        for child in by_parent.get(node.pk, []):
            child_progress = build(child)
            progress.children.append(child_progress)
            if child_progress.achievement is not None:
                values.append(child_progress.achievement)
        if values:
            progress.achievement = round(sum(values) / len(values), 3)
            progress.grade = grade(progress.achievement)
        return progress

    return [build(node) for node in by_parent.get(None, [])]
