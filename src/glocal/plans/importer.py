"""Plan structures from YAML or XLSX: the tree of nodes, their indicators and targets.

A file is read into flat rows, every row is checked (duplicate codes, unknown parents, cycles,
targets outside the plan's period, values that are not numbers, locked years), and only a clean
file is written, in one transaction. Each problem names where it is: the line of the YAML file,
or the sheet and row of the workbook. Importing the same file again updates the plan with the
same owner and title, matching nodes and indicators by code; nothing is duplicated.

YAML nests nodes under `children`; a node may instead name its `parent` by code. The XLSX form
has the sheets `plan` (field, value), `nodes` and `indicators` (targets in columns FY2025…).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core import uploads
from glocal.core.tables import UnreadableFile, is_xlsx, parse_number, read_workbook
from glocal.plans import derived
from glocal.plans.models import Actual, Indicator, Node, Plan, Target

NODE_KINDS = {choice.value for choice in Node.Kind}
DIRECTIONS = {choice.value for choice in Indicator.Direction}
STATUSES = {choice.value for choice in Plan.Status}
# Beyond these a file is not a plan (and a tree this deep would not fit on any page).
MAX_NODES, MAX_DEPTH = 5000, 30
# Plans, baselines and targets of the Heisei era or later, with room either side.
FIRST_YEAR, LAST_YEAR = 1950, 2100


@dataclass(frozen=True)
class Problem:
    where: str  # "line 14", "nodes row 5"
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}, {self.field}: {self.reason}"


@dataclass
class NodeRow:
    where: str
    code: str
    parent: str
    kind: str
    title: str
    title_en: str = ""
    description: str = ""
    roles: str = ""


@dataclass
class IndicatorRow:
    where: str
    code: str
    node: str
    name: str
    name_en: str
    unit: str
    direction: str
    baseline_fy: object
    baseline: object
    final_target: object
    derived: str
    targets: dict = field(default_factory=dict)  # fiscal year as written → value as written
    actuals: dict = field(default_factory=dict)  # fiscal year → value or {value, comment, …}


@dataclass
class Document:
    plan: dict
    plan_where: str
    nodes: list[NodeRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    problems: list["Problem"] = field(default_factory=list)  # found while reading the shape


@dataclass
class Checked:
    document: Document | None
    problems: list[Problem] = field(default_factory=list)
    # Parsed values, filled by check(): code → number, fiscal year → number.
    numbers: dict = field(default_factory=dict)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


# -- reading ------------------------------------------------------------------------------------


def read(file, name: str = "", limits: uploads.Limits | None = None) -> Document:
    """The plan in a YAML or XLSX file (bytes or an open file), as rows. Raises UnreadableFile
    for a broken file, and its TooLarge for one beyond the upload limits."""
    stream = uploads.open_bounded(file, limits)
    if is_xlsx(stream, name):
        return _read_xlsx(read_workbook(stream, limits))
    return _read_yaml(stream, limits)


def _yaml_loader():
    class Loader(uploads.yaml_loader()):
        """Records the line each mapping starts on, so problems can name it."""

    def mapping(loader, node):
        value = loader.construct_mapping(node, deep=True)
        value["__line__"] = node.start_mark.line + 1
        return value

    Loader.add_constructor("tag:yaml.org,2002:map", mapping)
    return Loader


def _read_yaml(stream, limits) -> Document:
    loaded = uploads.load_yaml(stream, limits, loader=_yaml_loader())
    if not isinstance(loaded, dict):
        raise UnreadableFile(_("A plan file is a mapping with title, start_fy, end_fy and nodes."))
    document = Document(plan=loaded, plan_where=_("line %(line)s") % {"line": 1})

    def a_list(value, where: str, name: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            document.problems.append(Problem(where, name, _("a list (of “- ” items) is expected")))
            return []
        for item in value:
            if not isinstance(item, dict):
                document.problems.append(
                    Problem(where, name, _("each item is a mapping (code: …, title: …)"))
                )
        return [item for item in value if isinstance(item, dict)]

    def walk(items, parent: str, depth: int) -> None:
        for item in items:
            where = _("line %(line)s") % {"line": item.get("__line__", "?")}
            if len(document.nodes) >= MAX_NODES or depth > MAX_DEPTH:
                raise UnreadableFile(
                    _("%(where)s: a plan has at most %(nodes)s nodes, %(depth)s levels deep.")
                    % {"where": where, "nodes": MAX_NODES, "depth": MAX_DEPTH}
                )
            code = _text(item.get("code"))
            document.nodes.append(
                NodeRow(
                    where=where,
                    code=code,
                    parent=_text(item.get("parent")) or parent,
                    **{
                        key: _scalar(item, key, where, document)
                        for key in ("kind", "title", "title_en", "description", "roles")
                    },
                )
            )
            for indicator in a_list(item.get("indicators"), where, "indicators"):
                document.indicators.append(_indicator_from_mapping(indicator, code))
            walk(a_list(item.get("children"), where, "children"), code, depth + 1)

    for key in ("title", "title_en", "revision", "source"):
        _scalar(loaded, key, document.plan_where, document)
    walk(a_list(loaded.get("nodes"), document.plan_where, "nodes"), "", 1)
    return document


def _scalar(mapping: dict, key: str, where: str, document: Document) -> str:
    """A text field; a list or mapping where text belongs is a problem, not "['a']"."""
    value = mapping.get(key)
    if isinstance(value, list | dict):
        document.problems.append(Problem(where, key, _("text is expected here")))
        return ""
    return _text(value)


def _indicator_from_mapping(item: dict, node: str) -> IndicatorRow:
    baseline = item.get("baseline")
    baseline = baseline if isinstance(baseline, dict) else {"value": baseline}
    targets = item.get("targets") or {}
    actuals = item.get("actuals") or {}
    return IndicatorRow(
        where=_("line %(line)s") % {"line": item.get("__line__", "?")},
        code=_text(item.get("code")),
        node=node,
        name=_text(item.get("name")),
        name_en=_text(item.get("name_en")),
        unit=_text(item.get("unit")),
        direction=_text(item.get("direction")),
        baseline_fy=baseline.get("fy"),
        baseline=baseline.get("value"),
        final_target=item.get("final_target"),
        derived=_text(item.get("derived")),
        targets={k: v for k, v in targets.items() if k != "__line__"}
        if isinstance(targets, dict)
        else {"?": targets},
        actuals={k: v for k, v in actuals.items() if k != "__line__"}
        if isinstance(actuals, dict)
        else {"?": actuals},
    )


# Header names in the workbook, English or Japanese.
NODE_HEADERS = {
    "code": ("code", "コード"),
    "parent": ("parent", "親コード"),
    "kind": ("kind", "種別"),
    "title": ("title", "名称"),
    "title_en": ("title_en", "英語名称"),
    "description": ("description", "説明"),
    "roles": ("roles", "役割分担"),
}
INDICATOR_HEADERS = {
    "code": ("code", "指標コード"),
    "node": ("node", "施策コード"),
    "name": ("name", "指標名"),
    "name_en": ("name_en", "英語指標名"),
    "unit": ("unit", "単位"),
    "direction": ("direction", "方向"),
    "baseline_fy": ("baseline_fy", "基準年度"),
    "baseline": ("baseline", "基準値"),
    "final_target": ("final_target", "最終目標値"),
    "derived": ("derived", "自動集計"),
}


def _columns(header: list[str], known: dict) -> dict:
    names = {name.casefold(): key for key, names in known.items() for name in names}
    return {
        index: names[cell.casefold()]
        for index, cell in enumerate(header)
        if cell.casefold() in names
    }


def _target_column(cell: str):
    """A column like FY2025, 2025 or 令和7年度 holds that year's targets."""
    try:
        return wareki.parse_fiscal_year(cell)
    except ValueError:
        return None


def _read_xlsx(sheets: dict) -> Document:
    sheet = {name.casefold(): rows for name, rows in sheets.items()}
    plan_rows = sheet.get("plan") or sheet.get("計画") or []
    plan = {row[0]: row[1] for row in plan_rows[1:] if len(row) >= 2 and row[0]}
    document = Document(plan=plan, plan_where=_("sheet plan"))
    node_rows = sheet.get("nodes") or sheet.get("体系") or []
    if len(node_rows) > MAX_NODES:
        raise UnreadableFile(_("A plan has at most %(n)s nodes.") % {"n": MAX_NODES})
    if node_rows:
        columns = _columns(node_rows[0], NODE_HEADERS)
        for number, row in enumerate(node_rows[1:], start=2):
            values = {key: row[i] for i, key in columns.items() if i < len(row)}
            if not any(values.values()):
                continue
            document.nodes.append(
                NodeRow(
                    where=_("nodes row %(row)s") % {"row": number},
                    **{key: values.get(key, "") for key in NODE_HEADERS},
                )
            )
    indicator_rows = sheet.get("indicators") or sheet.get("指標") or []
    if indicator_rows:
        header = indicator_rows[0]
        columns = _columns(header, INDICATOR_HEADERS)
        years = {i: _target_column(cell) for i, cell in enumerate(header) if i not in columns}
        for number, row in enumerate(indicator_rows[1:], start=2):
            values = {key: row[i] for i, key in columns.items() if i < len(row)}
            if not any(values.values()):
                continue
            targets = {
                year: row[i] for i, year in years.items() if year and i < len(row) and row[i] != ""
            }
            document.indicators.append(
                IndicatorRow(
                    where=_("indicators row %(row)s") % {"row": number},
                    targets=targets,
                    **{key: values.get(key, "") for key in INDICATOR_HEADERS},
                )
            )
    if not plan and not document.nodes:
        raise UnreadableFile(_("The workbook needs the sheets plan, nodes and indicators."))
    return document


# -- checking -----------------------------------------------------------------------------------


def _number(value, problem, name: str):
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    try:
        return parse_number(value)
    except ValueError:
        problem(name, _("%(value)r is not a number") % {"value": value})
        return None


def _year(value, problem, name: str):
    try:
        year = wareki.parse_fiscal_year(value)
    except ValueError:
        problem(name, _("%(value)r is not a fiscal year") % {"value": value})
        return None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        problem(
            name,
            _("FY%(fy)s is not a year a plan covers (FY%(first)s–FY%(last)s)")
            % {"fy": year, "first": FIRST_YEAR, "last": LAST_YEAR},
        )
        return None
    return year


def _one_of(problem, name: str, value: str, choices: set) -> None:
    if value not in choices:
        problem(
            name,
            _("%(value)r is not one of %(choices)s")
            % {"value": value, "choices": ", ".join(sorted(choices))},
        )


def _unique(problem, code: str, seen: dict, where: str, what: str) -> None:
    """Note the code as seen at `where`, or name where it was seen first."""
    if not code:
        problem("code", what)
    elif code in seen:
        problem(
            "code",
            _("the code %(code)s is used twice (also at %(other)s)")
            % {"code": code, "other": seen[code]},
        )
    else:
        seen[code] = where


def _fits(problem, row, model, names) -> None:
    """Text no longer than the database keeps, named before anything is written."""
    for name in names:
        limit = model._meta.get_field(name).max_length
        if len(getattr(row, name)) > limit:
            problem(name, _("longer than %(n)s characters") % {"n": limit})


def check(document: Document, owner_id: int | None = None) -> Checked:
    """Every problem in the document; with an owner, also years locked in its existing plan."""
    checked = Checked(document)
    problems = checked.problems
    problems.extend(document.problems)

    def at(where):
        return lambda name, reason: problems.append(Problem(where, name, reason))

    plan, problem = document.plan, at(document.plan_where)
    title = _text(plan.get("title"))
    if not title:
        problem("title", _("a plan needs a title"))
    for name in ("title", "title_en", "revision"):
        limit = Plan._meta.get_field(name).max_length
        if len(_text(plan.get(name))) > limit:
            problem(name, _("longer than %(n)s characters") % {"n": limit})
    start = _year(plan.get("start_fy"), problem, "start_fy")
    end = _year(plan.get("end_fy"), problem, "end_fy")
    if start and end and start > end:
        problem("end_fy", _("the plan ends before it starts"))
    status = _text(plan.get("status")) or Plan.Status.ACTIVE.value
    _one_of(problem, "status", status, STATUSES)
    checked.numbers["plan"] = {"start_fy": start, "end_fy": end, "status": status}
    _check_nodes(document.nodes, problems, at)
    locked, frozen = set(), {}
    existing = Plan.objects.filter(owner_id=owner_id, title=title).first() if owner_id else None
    if existing:
        locked = set(existing.locks.values_list("fiscal_year", flat=True))
    if locked:
        found = Indicator.objects.filter(node__plan=existing).prefetch_related("targets", "actuals")
        frozen = {indicator.code: indicator for indicator in found}
    _check_indicators(document, checked, at, start, end)
    for row in document.indicators:
        values = checked.numbers.get(row.code)
        if values is None or not locked:
            continue
        if row.code in frozen:
            _check_frozen(frozen[row.code], row, values, locked, at(row.where))
        elif locked & set(values["actuals"]):
            at(row.where)(
                "actuals",
                _("FY%(fy)s is locked after review") % {"fy": min(locked & set(values["actuals"]))},
            )
    return checked


def _check_frozen(indicator, row: IndicatorRow, values: dict, locked: set, problem) -> None:
    """A locked year's figures stay as reviewed: its target, its actual, and the baseline and
    direction its achievement was measured from. The same figures again are fine (an export
    imports back); an actual for a locked year is then left as it is."""
    if (values["baseline"], values["baseline_fy"], row.direction) != (
        indicator.baseline,
        indicator.baseline_fy,
        indicator.direction,
    ):
        problem(
            "baseline",
            _(
                "years are locked after review; the baseline and direction stay "
                "%(baseline)s (FY%(fy)s), %(direction)s"
            )
            % {
                "baseline": indicator.baseline,
                "fy": indicator.baseline_fy,
                "direction": indicator.direction,
            },
        )
    targets = {t.fiscal_year: t.value for t in indicator.targets.all()}
    actuals = {a.fiscal_year: a.value for a in indicator.actuals.all()}
    for year in sorted(locked):
        if values["targets"].get(year) != targets.get(year):
            problem(
                "targets",
                _("FY%(fy)s is locked after review; its target stays %(value)s")
                % {"fy": year, "value": targets.get(year, "–")},
            )
        entry = values["actuals"].pop(year, None)
        if entry is not None and entry["value"] != actuals.get(year):
            problem("actuals", _("FY%(fy)s is locked after review") % {"fy": year})


def _check_nodes(nodes: list[NodeRow], problems: list, at) -> None:
    where: dict[str, str] = {}
    parents = {row.code: row.parent for row in nodes}
    for row in nodes:
        problem = at(row.where)
        _unique(problem, row.code, where, row.where, _("every node needs a code"))
        _one_of(problem, "kind", row.kind, NODE_KINDS)
        if not row.title:
            problem("title", _("every node needs a title"))
        _fits(problem, row, Node, ("code", "title", "title_en"))
        if row.parent and row.parent not in parents:
            problem("parent", _("no node has the code %(code)s") % {"code": row.parent})
    reported: set[str] = set()
    for first in where:
        chain, code = [first], parents[first]
        while code and code in where and code not in chain and len(chain) <= MAX_DEPTH:
            chain.append(code)
            code = parents[code]
        if len(chain) > MAX_DEPTH and first not in reported:
            reported.add(first)
            at(where[first])("parent", _("the tree is deeper than %(n)s levels") % {"n": MAX_DEPTH})
        if code and code in chain and not reported & set(chain):
            cycle = [*chain[chain.index(code) :], code]
            reported.update(cycle)
            at(where[code])(
                "parent", _("the parents form a cycle: %(cycle)s") % {"cycle": " → ".join(cycle)}
            )


def _check_indicators(document: Document, checked: Checked, at, start, end) -> None:
    node_codes = {row.code for row in document.nodes}
    seen: dict[str, str] = {}
    for row in document.indicators:
        problem = at(row.where)
        _unique(problem, row.code, seen, row.where, _("every indicator needs a code"))
        if row.node not in node_codes:
            problem("node", _("no node has the code %(code)s") % {"code": row.node})
        if not row.name:
            problem("name", _("every indicator needs a name"))
        _fits(problem, row, Indicator, ("code", "name", "name_en", "unit"))
        _one_of(problem, "direction", row.direction, DIRECTIONS)
        if row.derived and row.derived not in derived.REGISTRY:
            problem(
                "derived",
                _("no computation is called %(key)r; there are %(keys)s")
                % {"key": row.derived, "keys": ", ".join(sorted(derived.REGISTRY))},
            )
        if _text(row.baseline) == "":
            problem("baseline", _("every indicator needs a baseline value"))
        baseline = _number(row.baseline, problem, "baseline")
        baseline_fy = _year(row.baseline_fy, problem, "baseline.fy")
        targets = {}
        for key, raw in row.targets.items():
            year = _year(key, problem, "targets")
            value = _number(raw, problem, f"targets {key}")
            if year and start and end and not start <= year <= end:
                problem(
                    "targets",
                    _("FY%(fy)s is outside the plan (FY%(start)s–FY%(end)s)")
                    % {"fy": year, "start": start, "end": end},
                )
            elif year and value is not None:
                targets[year] = value
        final = _number(row.final_target, problem, "final_target")
        actuals = {}
        for key, raw in row.actuals.items():
            year = _year(key, problem, "actuals")
            entry = raw if isinstance(raw, dict) else {"value": raw}
            value = _number(entry.get("value"), problem, f"actuals {key}")
            if row.derived:
                problem("actuals", _("a derived indicator's actuals are computed, not entered"))
            elif year and start and end and not start - 1 <= year <= end:
                problem(
                    "actuals",
                    _("FY%(fy)s is outside the plan (FY%(start)s–FY%(end)s)")
                    % {"fy": year, "start": start, "end": end},
                )
            elif year and value is not None:
                actuals[year] = {**entry, "value": value}
        checked.numbers[row.code] = {
            "baseline": baseline,
            "baseline_fy": baseline_fy,
            "final_target": final,
            "targets": targets,
            "actuals": actuals,
        }


# -- writing ------------------------------------------------------------------------------------


@dataclass
class Report:
    plan: Plan
    created: bool
    nodes: int
    indicators: int
    kept: list[str]  # codes already in the plan but not in the file: kept, not deleted


@transaction.atomic
def write(checked: Checked, owner_id: int, user=None) -> Report:
    if checked.problems:
        raise ValueError("refusing to write a plan with problems")
    document, numbers = checked.document, checked.numbers
    fields = document.plan
    plan, created = Plan.objects.update_or_create(
        owner_id=owner_id,
        title=_text(fields.get("title")),
        defaults={
            "title_en": _text(fields.get("title_en")),
            "start_fy": numbers["plan"]["start_fy"],
            "end_fy": numbers["plan"]["end_fy"],
            "status": numbers["plan"]["status"],
            "revision": _text(fields.get("revision")),
            "source": _text(fields.get("source")),
        },
    )
    nodes = {}
    for position, row in enumerate(document.nodes):
        nodes[row.code], _created = Node.objects.update_or_create(
            plan=plan,
            code=row.code,
            defaults={
                "kind": row.kind,
                "title": row.title,
                "title_en": row.title_en,
                "description": row.description,
                "roles": row.roles,
                "position": position,
                "parent": None,
            },
        )
    for row in document.nodes:
        if row.parent:
            nodes[row.code].parent = nodes[row.parent]
            nodes[row.code].save(update_fields=["parent"])
    for row in document.indicators:
        values = numbers[row.code]
        indicator = Indicator.objects.filter(node__plan=plan, code=row.code).first() or Indicator(
            code=row.code
        )
        indicator.node = nodes[row.node]
        indicator.name, indicator.name_en, indicator.unit = row.name, row.name_en, row.unit
        indicator.direction, indicator.derived = row.direction, row.derived
        indicator.baseline, indicator.baseline_fy = values["baseline"], values["baseline_fy"]
        indicator.final_target = values["final_target"]
        indicator.save()
        indicator.targets.all().delete()
        Target.objects.bulk_create(
            Target(indicator=indicator, fiscal_year=year, value=value)
            for year, value in sorted(values["targets"].items())
        )
        for year, entry in values["actuals"].items():
            Actual.objects.update_or_create(
                indicator=indicator,
                fiscal_year=year,
                defaults={
                    "value": entry["value"],
                    "comment": _text(entry.get("comment")),
                    "evidence": _text(entry.get("evidence")),
                    "sample": bool(entry.get("sample")),
                    "entered_by": user,
                },
            )
    if any(row.derived for row in document.indicators):
        derived.schedule(owner_id)  # this year's counts, once the plan is committed
    in_file = {row.code for row in document.nodes}
    kept = sorted(plan.nodes.exclude(code__in=in_file).values_list("code", flat=True))
    return Report(plan, created, len(document.nodes), len(document.indicators), kept)


def import_file(
    file, name: str, owner_id: int, user=None, limits: uploads.Limits | None = None
) -> tuple[Checked, Report | None]:
    """Read, check and, when the file is clean, write. UnreadableFile for a broken file."""
    checked = check(read(file, name, limits), owner_id)
    if checked.problems:
        return checked, None
    return checked, write(checked, owner_id, user)
