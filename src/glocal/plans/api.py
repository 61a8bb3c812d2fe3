"""/api/v1/plans: plans, their trees, indicators with achievement and grade, and staff writes."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from glocal.api.auth import OptionalActor, RequireActor, actor_of
from glocal.api.limits import FiscalYear, PathFiscalYear, PathId, text
from glocal.api.pagination import Paginated
from glocal.orgs import scoping
from glocal.orgs.models import Role
from glocal.plans import derived, progress, services
from glocal.plans.models import Indicator, Plan

router = Router(tags=["plans"])

# Request bounds: Node.code's column; as many entries as a plan may have nodes; values as typed
# are parsed as numbers by the service.
NodeCode = text(40)
IndicatorKey = text(20)
ValueAsTyped = text(100)
ReviewBody = text(20_000)
MAX_NODES = MAX_INDICATORS = 5000


class PlanOut(Schema):
    id: int
    title: str
    title_en: str
    start_fy: int
    end_fy: int
    status: str
    revision: str


def _plans(request):
    return scoping.visible(Plan.objects.all(), actor_of(request))


@router.get("/plans", response=list[PlanOut], auth=OptionalActor())
@paginate(Paginated)
def list_plans(request):
    """Published plans, and the plans of one's own organisations."""
    return _plans(request)


class NodeOut(Schema):
    code: str
    kind: str
    title: str
    title_en: str
    roles: str
    achievement: float | None
    grade: str | None
    indicators: list[str]
    children: list["NodeOut"]


NodeOut.model_rebuild()


def _node(item: progress.NodeProgress) -> dict:
    return {
        "code": item.node.code,
        "kind": item.node.kind,
        "title": item.node.title,
        "title_en": item.node.title_en,
        "roles": item.node.roles,
        "achievement": item.achievement,
        "grade": item.grade,
        "indicators": [indicator.code for indicator, *_rest in item.indicators],
        "children": [_node(child) for child in item.children],
    }


class TreeOut(PlanOut):
    fiscal_year: int
    nodes: list[NodeOut]


class YearQuery(Schema):
    fy: FiscalYear | None = Field(None, description="Fiscal year (April–March); default: the last.")


@router.get("/plans/{plan_id}", response=TreeOut, auth=OptionalActor())
def get_plan(request, plan_id: PathId, query: Query[YearQuery]):
    """The plan's tree, with each node's achievement and grade rolled up for the year."""
    plan = get_object_or_404(_plans(request), pk=plan_id)
    year = query.fy or plan.end_fy
    return {**PlanOut.from_orm(plan).dict(), "fiscal_year": year,
            "nodes": [_node(n) for n in progress.tree(plan, year)]}  # fmt: skip


class IndicatorOut(Schema):
    code: str
    node: str
    name: str
    unit: str
    direction: str
    baseline: float
    baseline_fy: int
    target: float | None
    actual: float | None
    achievement: float | None = Field(description="A fraction: 1.0 is 100%.")
    grade: str | None
    derived: bool
    sample: bool
    provenance: str


@router.get("/plans/{plan_id}/indicators", response=list[IndicatorOut], auth=OptionalActor())
@paginate(Paginated)
def list_indicators(request, plan_id: PathId, query: Query[YearQuery]):
    plan = get_object_or_404(_plans(request), pk=plan_id)
    year = query.fy or plan.end_fy
    indicators = Indicator.objects.filter(node__plan=plan).select_related("node")
    items = []
    for indicator in indicators.prefetch_related("targets", "actuals"):
        target, actual, row = progress.year_values(indicator, year, plan.end_fy)
        value = progress.achievement(indicator.direction, indicator.baseline, target, actual)
        items.append(
            {
                "code": indicator.code,
                "node": indicator.node.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "baseline": indicator.baseline,
                "baseline_fy": indicator.baseline_fy,
                "target": target,
                "actual": actual,
                "achievement": value,
                "grade": progress.grade(value),
                "derived": bool(indicator.derived),
                "sample": bool(row and row.sample),
                "provenance": row.provenance if row else "",
            }
        )
    return items


class ActualsIn(Schema):
    fiscal_year: FiscalYear
    values: dict[IndicatorKey, ValueAsTyped] = Field(
        max_length=MAX_INDICATORS, description="Indicator id → value as typed."
    )


class SavedOut(Schema):
    saved: int


@router.post("/plans/{plan_id}/actuals", response=SavedOut, auth=RequireActor())
def enter_actuals(request, plan_id: PathId, payload: ActualsIn):
    """Actuals for one fiscal year; all checked first, none saved if any is wrong."""
    plan = get_object_or_404(_plans(request), pk=plan_id)
    saved = services.enter_actuals(actor_of(request), plan, payload.fiscal_year, payload.values)
    return {"saved": saved}


@router.post("/plans/{plan_id}/locks/{fy}", response=SavedOut, auth=RequireActor())
def lock_year(request, plan_id: PathId, fy: PathFiscalYear):
    """Close a fiscal year after review (administrators)."""
    plan = get_object_or_404(_plans(request), pk=plan_id)
    services.lock_year(actor_of(request), plan, fy)
    return {"saved": 1}


@router.post("/plans/{plan_id}/recompute/{fy}", response=SavedOut, auth=RequireActor())
def recompute(request, plan_id: PathId, fy: PathFiscalYear):
    """Compute the derived indicators for a fiscal year from the records now."""
    plan = get_object_or_404(_plans(request), pk=plan_id)
    scoping.require(actor_of(request), plan.owner_id, Role.EDITOR)
    services.check_in_period(plan, fy)
    return {"saved": derived.recompute_plan(plan, fy)}


class ReviewText(Schema):
    evaluation: ReviewBody = ""
    next_step: ReviewBody = ""


class ReviewsIn(Schema):
    reviews: dict[NodeCode, ReviewText] = Field(
        max_length=MAX_NODES, description="Node code → evaluation and next step."
    )
    confirm: bool = Field(False, description="Confirm the reviews (administrators).")


@router.post("/plans/{plan_id}/reviews/{fy}", response=SavedOut, auth=RequireActor())
def save_reviews(request, plan_id: PathId, fy: PathFiscalYear, payload: ReviewsIn):
    """Evaluation and next step per node for a fiscal year; editors write, administrators
    confirm. Unknown node codes are refused with nothing saved."""
    plan = get_object_or_404(_plans(request), pk=plan_id)
    ids = dict(plan.nodes.values_list("code", "pk"))
    unknown = sorted(set(payload.reviews) - set(ids))
    if unknown:
        raise ValidationError(
            {"reviews": _("no node has the code %(code)s") % {"code": ", ".join(unknown)}}
        )
    texts = {ids[code]: text.dict() for code, text in payload.reviews.items()}
    saved = services.save_reviews(actor_of(request), plan, fy, texts, confirm=payload.confirm)
    return {"saved": saved}
