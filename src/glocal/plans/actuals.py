"""Actuals from the CSV or XLSX files the divisions send back each spring.

One row per indicator and fiscal year: 指標コード/indicator, 年度/fiscal_year (2025, FY2025,
令和7年度, R7), 実績値/value, and optionally コメント/comment, 根拠/evidence and 見本/sample.
Every row is checked first, and the file is written in one transaction or not at all.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core import uploads
from glocal.core.tables import RowProblem as Problem
from glocal.core.tables import parse_number, read_table
from glocal.orgs import scoping
from glocal.orgs.models import Role
from glocal.plans.models import Actual, Indicator, Plan

HEADERS = {
    "indicator": ("indicator", "指標コード", "指標"),
    "fiscal_year": ("fiscal_year", "年度"),
    "value": ("value", "実績値", "実績"),
    "comment": ("comment", "コメント"),
    "evidence": ("evidence", "根拠"),
    "sample": ("sample", "見本"),
}
REQUIRED = ("indicator", "fiscal_year", "value")
EVIDENCE_LENGTH = Actual._meta.get_field("evidence").max_length
_TRUE = {"1", "true", "yes", "見本", "○", "〇"}


@dataclass
class Checked:
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check(table: list[list[str]], plan: Plan) -> Checked:
    checked = Checked()
    if not table:
        checked.problems.append(Problem(1, "header", _("the file is empty")))
        return checked
    names = {name.casefold(): key for key, names in HEADERS.items() for name in names}
    columns = {
        i: names[cell.casefold()] for i, cell in enumerate(table[0]) if cell.casefold() in names
    }
    missing = [key for key in REQUIRED if key not in columns.values()]
    if missing:
        checked.problems.append(
            Problem(1, "header", _("missing columns: %(names)s") % {"names": ", ".join(missing)})
        )
        return checked
    indicators = {i.code: i for i in Indicator.objects.filter(node__plan=plan)}
    locked = set(plan.locks.values_list("fiscal_year", flat=True))
    seen: dict[tuple, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        values = {key: cells[i] for i, key in columns.items() if i < len(cells)}
        if not any(values.values()):
            continue

        def problem(name, reason, number=number):
            checked.problems.append(Problem(number, name, reason))

        indicator = indicators.get(values.get("indicator", ""))
        if indicator is None:
            problem(
                "indicator",
                _("no indicator of this plan has the code %(code)r")
                % {"code": values.get("indicator", "")},
            )
        elif indicator.derived:
            problem(
                "indicator",
                _("%(code)s is computed from records; it is not entered")
                % {"code": indicator.code},
            )
        try:
            year = wareki.parse_fiscal_year(values.get("fiscal_year", ""))
        except ValueError:
            year = None
            problem(
                "fiscal_year",
                _("%(value)r is not a fiscal year") % {"value": values.get("fiscal_year", "")},
            )
        if year and not plan.start_fy - 1 <= year <= plan.end_fy:
            problem(
                "fiscal_year",
                _("FY%(fy)s is outside the plan (FY%(start)s–FY%(end)s)")
                % {"fy": year, "start": plan.start_fy, "end": plan.end_fy},
            )
        elif year in locked:
            problem("fiscal_year", _("FY%(fy)s is locked after review") % {"fy": year})
        raw = values.get("value", "")
        try:
            value = parse_number(raw)
        except ValueError:
            value = None
            problem("value", _("%(value)r is not a number") % {"value": raw})
        if len(values.get("evidence", "")) > EVIDENCE_LENGTH:
            problem("evidence", _("longer than %(n)s characters") % {"n": EVIDENCE_LENGTH})
        if indicator and year:
            key = (indicator.code, year)
            if key in seen:
                problem(
                    "indicator",
                    _("%(code)s FY%(fy)s is also on row %(other)s")
                    % {"code": indicator.code, "fy": year, "other": seen[key]},
                )
            seen[key] = number
        checked.rows.append(
            {
                "indicator": indicator,
                "fiscal_year": year,
                "value": value,
                "comment": values.get("comment", ""),
                "evidence": values.get("evidence", ""),
                "sample": values.get("sample", "").casefold() in _TRUE,
            }
        )
    return checked


@transaction.atomic
def write(checked: Checked, user=None) -> int:
    if checked.problems:
        raise ValueError("refusing to write actuals with problems")
    for row in checked.rows:
        Actual.objects.update_or_create(
            indicator=row["indicator"],
            fiscal_year=row["fiscal_year"],
            defaults={
                "value": row["value"],
                "comment": row["comment"],
                "evidence": row["evidence"],
                "sample": row["sample"],
                "entered_by": user,
                "provenance": "",
            },
        )
    return len(checked.rows)


def check_file(file, name: str, plan: Plan, limits: uploads.Limits | None = None) -> Checked:
    """Read and check a file (bytes or an open file); UnreadableFile for one that cannot be
    read, and its TooLarge for one beyond the upload limits."""
    return check(read_table(file, name, limits), plan)


def import_file(actor, plan: Plan, file, name: str) -> tuple[Checked, int]:
    """Check and, when clean, write (within the web's upload limits)."""
    scoping.require(actor, plan.owner_id, Role.EDITOR)
    checked = check_file(file, name, plan)
    if checked.problems:
        return checked, 0
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    return checked, write(checked, user)
