"""Measures from the tables offices keep: CSV (UTF-8, UTF-8 with BOM or CP932) or XLSX, with
Japanese or English headers. Each row is one version of a measure: the measure is the
country, the kind of measure and the optional title; the row says what it covered from its
start date on, and its end date when it was lifted.

Every row is checked first; one problem anywhere and nothing is written. Importing the same
file again records nothing new (a version saying what is already recorded is skipped).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from glocal.core import exports
from glocal.core.tables import RowProblem, UnreadableFile, read_table  # noqa: F401 (API)
from glocal.orgs.actors import Actor
from glocal.places.text import fold
from glocal.trade import rules, services

HEADERS = {
    "country": ("国・地域", "国", "country", "country or region"),
    "prefectures": ("対象都道府県", "都道府県", "prefectures"),
    "products": ("品目", "対象品目", "products"),
    "measure": ("措置", "措置の種類", "measure"),
    "title": ("件名", "名称", "title"),
    "effective_from": ("開始日", "effective_from", "from"),
    "effective_to": ("終了日", "解除日", "effective_to", "to"),
    "reference": ("根拠", "reference"),
    "reference_url": ("根拠URL", "URL", "reference_url"),
    "notes": ("備考", "notes"),
    "illustrative": ("例示", "illustrative"),
}
REQUIRED = ("country", "prefectures", "products", "measure", "effective_from")
_HEADER_BY_NAME = {fold(name): key for key, names in HEADERS.items() for name in names}
_YES = {fold(v) for v in ("1", "yes", "true", "はい", "○", "例示")}


@dataclass
class Checked:
    rows: list[rules.MeasureData] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _header(table: list[list[str]], result: Checked) -> list[str | None]:
    columns = [_HEADER_BY_NAME.get(fold(name)) for name in table[0]]
    for name, key in zip(table[0], columns, strict=True):
        if name and key is None:
            result.problems.append(RowProblem(1, name, _("unknown column")))
    for needed in REQUIRED:
        if needed not in columns:
            result.problems.append(RowProblem(1, needed, _("this column is missing")))
    return columns


def _row(values: dict, places: rules.Places, number: int) -> tuple[object, list[RowProblem]]:
    problems, parts = [], {}
    steps = {
        "country": lambda: places.country(values.get("country", "")),
        "kind": lambda: rules.kind(values.get("measure", "")),
        "coverage": lambda: places.coverage(values.get("prefectures", "")),
        "products": lambda: rules.products(values.get("products", "")),
        "period": lambda: rules.period(values.get("effective_from"), values.get("effective_to")),
    }
    for name, step in steps.items():
        try:
            parts[name] = step()
        except rules.Invalid as exc:
            problems.append(RowProblem(number, exc.field, exc.reason))
    for name, limit in (("title", 200), ("reference", 400), ("reference_url", 500)):
        if len(values.get(name, "")) > limit:
            reason = _("longer than %(n)s characters") % {"n": limit}
            problems.append(RowProblem(number, name, reason))
    if problems:
        return None, problems
    (scope, prefectures), (codes, terms) = parts["coverage"], parts["products"]
    start, end = parts["period"]
    return rules.MeasureData(
        country=parts["country"], kind=parts["kind"], title=values.get("title", ""),
        scope=scope, prefectures=prefectures, products=codes, product_terms=terms,
        effective_from=start, effective_to=end, reference=values.get("reference", ""),
        reference_url=values.get("reference_url", ""), notes=values.get("notes", ""),
        illustrative=fold(values.get("illustrative", "")) in _YES,
    ), []  # fmt: skip


def check(table: list[list[str]]) -> Checked:
    """Every row's problems, or the rows ready to import."""
    result = Checked()
    if not table:
        result.problems.append(RowProblem(1, "header", _("the file is empty")))
        return result
    columns = _header(table, result)
    if result.problems:
        return result
    places = rules.Places()
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        values = {  # a cell our export marked as text comes back as it was
            key: exports.unquote(cells[i])
            for i, key in enumerate(columns)
            if key and i < len(cells)
        }
        data, problems = _row(values, places, number)
        result.problems.extend(problems)
        if data is not None:
            result.rows.append(data)
    return result


@transaction.atomic
def write(actor: Actor, owner_id: int, rows: list[rules.MeasureData]) -> int:
    """Record the rows in date order (so that changes are named against what came before);
    the number of versions recorded."""

    def key(row):
        return (row.country.code, row.kind, row.title, row.effective_from)

    groups: dict[tuple, list[rules.MeasureData]] = {}
    for row in sorted(rows, key=key):  # stable: rows with one start keep the file's order
        groups.setdefault(key(row), []).append(row)
    return sum(services.record_steps(actor, owner_id, steps) for steps in groups.values())
