"""Plan structures from YAML and XLSX, actuals from CSV and XLSX, exports, and the command."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook, load_workbook

from glocal.plans import actuals, exporter, importer
from glocal.plans.models import Actual, Indicator, Node, Plan, Target, YearLock

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


DATA = Path(__file__).resolve().parents[2] / "src" / "glocal" / "plans" / "data"

SMALL = """\
title: 小さな計画
start_fy: 2024
end_fy: 2026
nodes:
  - code: "1"
    kind: objective
    title: 目標
    children:
      - code: "1-1"
        kind: measure
        title: 施策
        indicators:
          - code: I-1
            name: 相談件数
            unit: 件
            direction: increase
            baseline: {fy: 2023, value: 100}
            targets: {2024: 120, 2025: 140, 2026: 160}
            actuals: {2024: {value: 130, sample: true, comment: 見本}}
"""


def _import(text: str, owner_id: int, name: str = "plan.yaml"):
    return importer.import_file(text.encode(), name, owner_id)


def test_shipped_plans_import_cleanly_and_reimport_updates(home_org):
    data = (DATA / "fukushima_international_plan.yaml").read_bytes()
    checked, done = importer.import_file(data, "f.yaml", home_org.pk)
    assert checked.problems == []
    plan = done.plan
    assert (plan.title, plan.start_fy, plan.end_fy) == ("福島県国際施策推進プラン", 2022, 2030)
    kinds = set(plan.nodes.values_list("kind", flat=True))
    assert kinds == {"objective", "policy", "initiative", "measure", "action"}
    assert Indicator.objects.filter(node__plan=plan).exclude(derived="").exists()
    counts = (Node.objects.count(), Indicator.objects.count(), Target.objects.count())
    _checked, again = importer.import_file(data, "f.yaml", home_org.pk)
    assert (again.plan.pk, again.created) == (plan.pk, False)
    assert (Node.objects.count(), Indicator.objects.count(), Target.objects.count()) == counts

    yamagata = (DATA / "yamagata_international_strategy.yaml").read_bytes()
    checked, done = importer.import_file(yamagata, "y.yaml", home_org.pk)
    assert checked.problems == []
    assert done.plan.start_fy == 2020


def test_nested_yaml_with_sample_actuals(home_org):
    _checked, done = _import(SMALL, home_org.pk)
    measure = done.plan.nodes.get(code="1-1")
    assert measure.parent.code == "1"
    actual = Actual.objects.get()
    assert (actual.value, actual.sample, actual.comment) == (130, True, "見本")


def _problems(text: str, owner_id: int) -> list[str]:
    checked, done = _import(text, owner_id)
    assert done is None
    assert Plan.objects.count() == 0  # nothing half-written
    return [str(p) for p in checked.problems]


def test_cycle_duplicate_code_and_target_outside_the_period_are_named(home_org):
    text = """\
title: 壊れた計画
start_fy: 2024
end_fy: 2026
nodes:
  - {code: A, kind: policy, title: 方針, parent: C}
  - {code: B, kind: measure, title: 施策, parent: A}
  - {code: C, kind: measure, title: 施策, parent: B}
  - code: D
    kind: measure
    title: 施策
    indicators:
      - {code: X, name: 指標, direction: increase, baseline: {fy: 2023, value: 1},
         targets: {2031: 5}}
      - {code: X, name: 指標, direction: upwards, baseline: {fy: 2023, value: many}}
  - {code: D, kind: action, title: 取組}
"""
    problems = _problems(text, home_org.pk)
    assert problems == [
        "line 15, code: the code D is used twice (also at line 8)",
        "line 5, parent: the parents form a cycle: A → C → B → A",
        "line 12, targets: FY2031 is outside the plan (FY2024–FY2026)",
        "line 14, code: the code X is used twice (also at line 12)",
        "line 14, direction: 'upwards' is not one of decrease, increase, maintain",
        "line 14, baseline: 'many' is not a number",
    ]
    with translation.override("ja"):
        japanese = [str(p) for p in importer.check(importer.read(text.encode())).problems]
    assert japanese[1] == "5 行目, parent: 親子関係が循環しています: A → C → B → A"


def test_broken_yaml_names_the_line(home_org):
    with pytest.raises(importer.UnreadableFile, match="line 3: found character '\\\\t'"):
        _import("title: x\nnodes:\n\t- code: a\n", home_org.pk)


def _workbook(node_rows: list[list], indicator_rows: list[list]) -> bytes:
    book = Workbook()
    plan = book.active
    plan.title = "plan"
    for row in (
        ["項目", "値"],
        ["title", "XLSXの計画"],
        ["start_fy", "令和6年度"],
        ["end_fy", 2026],
    ):
        plan.append(row)
    nodes = book.create_sheet("nodes")
    nodes.append(["コード", "親コード", "種別", "名称"])
    for row in node_rows:
        nodes.append(row)
    indicators = book.create_sheet("indicators")
    indicators.append(
        [
            "指標コード",
            "施策コード",
            "指標名",
            "単位",
            "方向",
            "基準年度",
            "基準値",
            "FY2025",
            "令和8年度",
        ]
    )
    for row in indicator_rows:
        indicators.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_japanese_headers_and_its_problems(home_org):
    indicator = ["I-1", "1-1", "参加者数", "人", "increase", 2023, 50, 60, 70]
    bad = _workbook(
        [["1", "1-1", "objective", "目標"], ["1-1", "1", "measure", "施策"]], [indicator]
    )
    checked, done = importer.import_file(bad, "plan.xlsx", home_org.pk)
    assert done is None
    assert [str(p) for p in checked.problems] == [
        "nodes row 2, parent: the parents form a cycle: 1 → 1-1 → 1"
    ]
    good = _workbook([["1", "", "objective", "目標"], ["1-1", "1", "measure", "施策"]], [indicator])
    _checked, done = importer.import_file(good, "plan.xlsx", home_org.pk)
    assert done.plan.start_fy == 2024
    targets = dict(Target.objects.values_list("fiscal_year", "value"))
    assert targets == {2025: 60, 2026: 70}


def test_export_reads_back_the_same_plan(home_org, other_org):
    _checked, done = _import(SMALL, home_org.pk)
    text = exporter.to_yaml(done.plan)
    _checked, copy = _import(text, other_org.pk)
    original = exporter.to_yaml(done.plan)
    assert exporter.to_yaml(copy.plan) == original
    book = load_workbook(io.BytesIO(exporter.to_xlsx(done.plan)))
    assert book.sheetnames == ["plan", "nodes", "indicators", "actuals", "reviews"]
    assert [c.value for c in book["actuals"][2]][:3] == ["I-1", 2024, 130]
    _checked, from_xlsx = importer.import_file(exporter.to_xlsx(done.plan), "p.xlsx", other_org.pk)
    assert from_xlsx.plan.pk == copy.plan.pk  # same owner and title: updated, not duplicated


ACTUALS = '指標コード,年度,実績値,コメント,根拠\nI-1,令和7年度,150,順調,年報\nI-1,R8,"1,600",,\n'


def test_actuals_csv_in_cp932(home_org, owner, actor_for):
    _checked, done = _import(SMALL, home_org.pk)
    checked, saved = actuals.import_file(
        actor_for(owner), done.plan, ACTUALS.encode("cp932"), "actuals.csv"
    )
    assert (checked.problems, saved) == ([], 2)
    values = dict(Actual.objects.values_list("fiscal_year", "value"))
    assert values == {2024: 130, 2025: 150, 2026: 1600}
    assert Actual.objects.get(fiscal_year=2025).entered_by == owner


def test_bad_actuals_are_named_by_row_and_nothing_is_written(home_org, owner, actor_for):
    _checked, done = _import(SMALL, home_org.pk)
    YearLock.objects.create(plan=done.plan, fiscal_year=2024)
    text = (
        "indicator,fiscal_year,value\n"
        "I-1,2025,150\n"
        "I-9,2025,1\n"
        "I-1,2025,abc\n"
        "I-1,2024,5\n"
        "I-1,2040,5\n"
        "I-1,昭和,5\n"
    )
    checked, saved = actuals.import_file(actor_for(owner), done.plan, text.encode(), "a.csv")
    assert saved == 0
    assert [str(p) for p in checked.problems] == [
        "row 3, indicator: no indicator of this plan has the code 'I-9'",
        "row 4, value: 'abc' is not a number",
        "row 4, indicator: I-1 FY2025 is also on row 2",
        "row 5, fiscal_year: FY2024 is locked after review",
        "row 6, fiscal_year: FY2040 is outside the plan (FY2024–FY2026)",
        "row 7, fiscal_year: '昭和' is not a fiscal year",
    ]
    assert Actual.objects.filter(fiscal_year=2025).count() == 0


def test_command_imports_reports_and_refuses_bad_files(home_org, tmp_path, capsys):
    good = tmp_path / "plan.yaml"
    good.write_text(SMALL, encoding="utf-8")
    call_command("plans", "import", str(good), "--organisation", "fukushima")
    plan = Plan.objects.get()
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("2025: 140", "2030: 140"), encoding="utf-8")
    with pytest.raises(CommandError, match="1 problems; nothing was imported"):
        call_command("plans", "import", str(bad), "--organisation", "fukushima")
    assert "targets: FY2030 is outside the plan" in capsys.readouterr().err
    assert Target.objects.filter(fiscal_year=2030).count() == 0

    figures = tmp_path / "actuals.csv"
    figures.write_bytes(ACTUALS.encode("cp932"))
    call_command("plans", "actuals", str(plan.pk), str(figures))
    assert Actual.objects.count() == 3
    with pytest.raises(CommandError, match="outside the plan"):
        call_command("plans", "report", str(plan.pk), "--fy", "2040", "--format", "html")
    out = tmp_path / "report.xlsx"
    call_command("plans", "report", str(plan.pk), "--fy", "R7", "--format", "xlsx", "-o", str(out))
    book = load_workbook(out)
    assert len(book.worksheets[2]._charts) == 1  # one chart per indicator
    summary = list(book.worksheets[1].iter_rows(values_only=True))
    assert summary[1][:2] == ("I-1", "相談件数")
    assert summary[1][5:9] == (140, 150, 1.25, "A")  # from 100 towards 140, reached 150


def test_a_locked_year_keeps_its_figures_through_a_reimport(home_org):
    _checked, done = _import(SMALL, home_org.pk)
    YearLock.objects.create(plan=done.plan, fiscal_year=2024)
    exported = exporter.to_yaml(done.plan)
    checked, again = _import(exported, home_org.pk)  # the same figures: fine
    assert checked.problems == []
    assert again.plan.pk == done.plan.pk
    changed = SMALL.replace("2024: 120", "2024: 999").replace("value: 130", "value: 131")
    changed = changed.replace("value: 100}", "value: 90}")
    assert _problems_of(changed, home_org.pk) == [
        "line 13, baseline: years are locked after review; the baseline and direction stay "
        "100.0 (FY2023), increase",
        "line 13, targets: FY2024 is locked after review; its target stays 120.0",
        "line 13, actuals: FY2024 is locked after review",
    ]
    assert Target.objects.get(fiscal_year=2024).value == 120


def _problems_of(text: str, owner_id: int) -> list[str]:
    checked, done = _import(text, owner_id)
    assert done is None
    return [str(p) for p in checked.problems]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "title: x\nstart_fy: 2024\nend_fy: 2026\nnodes: abc\n",
            "line 1, nodes: a list (of “- ” items) is expected",
        ),
        ("title: [a]\nstart_fy: 2024\nend_fy: 2026\n", "line 1, title: text is expected here"),
        (
            "title: x\nstart_fy: 1500\nend_fy: 2026\n",
            "line 1, start_fy: FY1500 is not a year a plan covers (FY1950–FY2100)",
        ),
        (SMALL.replace("value: 100}", "value: .nan}"), "line 13, baseline: nan is not a number"),
        (SMALL.replace("value: 100}", "value: .inf}"), "line 13, baseline: inf is not a number"),
        (
            SMALL.replace("code: I-1", "code: " + "I" * 41),
            "line 13, code: longer than 40 characters",
        ),
    ],
)
def test_shapes_and_values_no_plan_has(home_org, text, problem):
    assert problem in _problems_of(text, home_org.pk)
    assert Plan.objects.count() == 0


def test_a_runaway_file_is_refused_before_it_is_checked(home_org):
    # Each level names the one below twice: 2^16 nodes from under a kilobyte of YAML. Aliases
    # are refused outright, at the first one.
    lines = ["l0: &l0 [{code: x, kind: action, title: t}]"]
    for level in range(1, 16):
        child = f"{{code: x, kind: action, title: t, children: *l{level - 1}}}"
        lines.append(f"l{level}: &l{level} [{child}, {child}]")
    lines += ["title: x", "start_fy: 2024", "end_fy: 2026", "nodes: *l15"]
    with pytest.raises(importer.UnreadableFile, match=r"line 2: aliases \(\*l0\) are not"):
        _import("\n".join(lines), home_org.pk)


def test_a_tree_deeper_than_any_plan_is_refused(home_org):
    node = "{code: x, kind: action, title: t}"
    for _level in range(31):  # 32 levels of nodes are 66 of YAML: within the YAML limit
        node = f"{{code: x, kind: action, title: t, children: [{node}]}}"
    text = f"title: x\nstart_fy: 2024\nend_fy: 2026\nnodes: [{node}]\n"
    with pytest.raises(importer.UnreadableFile, match="at most 5000 nodes, 30 levels"):
        _import(text, home_org.pk)


@pytest.mark.parametrize("title", ["=HYPERLINK(1)", "\t=1+1", "\r@SUM(1)", "-1+2"])
def test_the_workbook_export_writes_formula_like_texts_as_text(home_org, title):
    _checked, done = _import(SMALL, home_org.pk)
    Node.objects.filter(plan=done.plan, code="1").update(title=title)
    cell = load_workbook(io.BytesIO(exporter.to_xlsx(done.plan)))["nodes"]["D2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (title, "s", True)
