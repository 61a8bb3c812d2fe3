"""Everything about a plan, out: YAML (the import format, with actuals, reviews and locks) and
XLSX (the import workbook's sheets plan, nodes and indicators, then actuals and reviews).

Both import back with `glocal plans import`: the tree, indicators and targets, and from YAML the
actuals too. Reviews, locked years and computed values are in the files to read and keep; they
are not imported (a lock is an administrator's act, not a file's).
"""

import io

from glocal.core import exports


def _tree(plan) -> list:
    nodes = list(
        plan.nodes.prefetch_related("indicators__targets", "indicators__actuals", "reviews")
    )
    children: dict = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)

    def mapping(node) -> dict:
        item = {"code": node.code, "kind": node.kind, "title": node.title}
        item |= {
            key: getattr(node, key)
            for key in ("title_en", "description", "roles")
            if getattr(node, key)
        }
        if node.indicators.all():
            item["indicators"] = [_indicator(i) for i in node.indicators.all()]
        if node.reviews.all():
            item["reviews"] = {
                r.fiscal_year: {
                    "evaluation": r.evaluation,
                    "next_step": r.next_step,
                    "status": r.status,
                }
                for r in node.reviews.all()
            }
        if children.get(node.pk):
            item["children"] = [mapping(child) for child in children[node.pk]]
        return item

    return [mapping(node) for node in children.get(None, [])]


def _number(value: float):
    return int(value) if value == int(value) else value


def _indicator(indicator) -> dict:
    item = {"code": indicator.code, "name": indicator.name}
    if indicator.name_en:
        item["name_en"] = indicator.name_en
    item |= {
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline": {"fy": indicator.baseline_fy, "value": _number(indicator.baseline)},
        "targets": {t.fiscal_year: _number(t.value) for t in indicator.targets.all()},
    }
    if indicator.final_target is not None:
        item["final_target"] = _number(indicator.final_target)
    if indicator.derived:
        item["derived"] = indicator.derived
    actuals = {}
    for actual in indicator.actuals.all():
        entry = {"value": _number(actual.value)}
        entry |= {
            key: getattr(actual, key)
            for key in ("comment", "evidence", "provenance")
            if getattr(actual, key)
        }
        if actual.sample:
            entry["sample"] = True
        actuals[actual.fiscal_year] = entry
    # A derived indicator's values are recomputed on import, so they are shown, not re-entered.
    if actuals:
        item["computed_values" if indicator.derived else "actuals"] = actuals
    return item


def to_yaml(plan) -> str:
    import yaml

    document = {
        "title": plan.title,
        "title_en": plan.title_en,
        "start_fy": plan.start_fy,
        "end_fy": plan.end_fy,
        "status": plan.status,
        "revision": plan.revision,
        "source": plan.source,
        "locked_years": sorted(plan.locks.values_list("fiscal_year", flat=True)),
        "nodes": _tree(plan),
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def to_xlsx(plan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from glocal.plans.models import Actual, Indicator, Review

    book = Workbook()
    sheets = {
        "plan": [["field", "value"]]
        + [
            [key, getattr(plan, key)]
            for key in ("title", "title_en", "start_fy", "end_fy", "status", "revision", "source")
        ],
        "nodes": [["code", "parent", "kind", "title", "title_en", "description", "roles"]]
        + [
            [
                n.code,
                n.parent.code if n.parent else "",
                n.kind,
                n.title,
                n.title_en,
                n.description,
                n.roles,
            ]
            for n in plan.nodes.select_related("parent")
        ],
    }
    years = list(range(plan.start_fy, plan.end_fy + 1))
    indicators = Indicator.objects.filter(node__plan=plan).select_related("node")
    rows = [
        [
            "code",
            "node",
            "name",
            "name_en",
            "unit",
            "direction",
            "baseline_fy",
            "baseline",
            "final_target",
            "derived",
        ]
        + [f"FY{y}" for y in years]
    ]
    for i in indicators.prefetch_related("targets"):
        targets = {t.fiscal_year: t.value for t in i.targets.all()}
        rows.append(
            [
                i.code,
                i.node.code,
                i.name,
                i.name_en,
                i.unit,
                i.direction,
                i.baseline_fy,
                i.baseline,
                i.final_target,
                i.derived,
            ]
            + [targets.get(y) for y in years]
        )
    sheets["indicators"] = rows
    actuals = Actual.objects.filter(indicator__node__plan=plan).select_related("indicator")
    sheets["actuals"] = [
        ["indicator", "fiscal_year", "value", "comment", "evidence", "sample", "provenance"]
    ] + [
        [
            a.indicator.code,
            a.fiscal_year,
            a.value,
            a.comment,
            a.evidence,
            "見本" if a.sample else "",
            a.provenance,
        ]
        for a in actuals.order_by("indicator__code", "fiscal_year")
    ]
    reviews = Review.objects.filter(node__plan=plan).select_related("node")
    sheets["reviews"] = [["node", "fiscal_year", "evaluation", "next_step", "status"]] + [
        [r.node.code, r.fiscal_year, r.evaluation, r.next_step, r.status]
        for r in reviews.order_by("fiscal_year", "node__position")
    ]
    book.remove(book.active)
    for title, content in sheets.items():
        sheet = book.create_sheet(title)
        for row in content:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for ws in book.worksheets:
        exports.guard_sheet(ws)  # a title starting with = stays text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
