"""Case logs kept in Excel until now: CSV (UTF-8, UTF-8 with BOM or CP932) or XLSX, with
Japanese or English headers.

Every row is checked first; one problem anywhere and nothing is written, each problem named by
row and column. Each row's content gives it a key, so importing the same file again adds
nothing (two identical rows in one file stay two cases: their keys count occurrences).
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal.core.tables import RowProblem
from glocal.desk import resolve, services
from glocal.desk.models import Case
from glocal.orgs.actors import Actor

HEADERS = {
    "received_on": ("受付日", "received_on", "相談日", "date"),
    "language": ("言語", "language"),
    "nationality": ("国籍", "nationality"),
    "topics": ("分野", "topics", "相談分野"),
    "channel": ("手段", "channel", "相談手段"),
    "interpretation": ("通訳", "interpretation"),
    "municipality": ("市町村", "municipality", "居住地"),
    "residence_status": ("在留資格", "residence_status"),
    "summary": ("概要", "summary", "相談内容"),
    "actions": ("対応", "actions", "対応内容"),
    "status": ("状態", "status"),
    "closed_on": ("完了日", "closed_on"),
}
REQUIRED = ("received_on", "language", "topics", "channel")
_BY_NAME = {resolve.fold(name): key for key, names in HEADERS.items() for name in names}
_SEPARATORS = str.maketrans({"、": ",", ";": ",", "；": ",", "，": ","})


@dataclass
class Row:
    number: int
    values: services.CaseValues
    key: str


@dataclass
class Checked:
    rows: list[Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _columns(header: list[str], problems: list[RowProblem]) -> list[str | None]:
    columns = [_BY_NAME.get(resolve.fold(name)) for name in header]
    for name, key in zip(header, columns, strict=True):
        if name and key is None:
            problems.append(RowProblem(1, name, _("unknown column")))
    for needed in REQUIRED:
        if needed not in columns:
            problems.append(RowProblem(1, HEADERS[needed][0], _("this column is missing")))
    return columns


def _values(resolver: resolve.Resolver, cells: dict, problem) -> services.CaseValues | None:
    def get(name, convert, default=None):
        text = cells.get(name, "")
        if not text:
            return default
        try:
            return convert(text)
        except resolve.Unknown as exc:
            problem(name, str(exc))
            return default

    received_on = get("received_on", lambda t: resolve.day(t, HEADERS["received_on"][0]))
    if received_on is None and not cells.get("received_on"):
        problem("received_on", _("the day is missing"))
    topic_names = [t.strip() for t in cells.get("topics", "").translate(_SEPARATORS).split(",")]
    topics = []
    for name in filter(None, topic_names):
        try:
            topics.append(resolver.topic(name))
        except resolve.Unknown as exc:
            problem("topics", str(exc))
    values = services.CaseValues(
        received_at=timezone.make_aware(datetime.combine(received_on, time(9)))
        if received_on
        else None,
        channel=get("channel", lambda t: resolve.choice(resolve.CHANNELS, t, "channel")),
        language=get("language", resolver.language),
        topics=topics,
        interpretation=get(
            "interpretation",
            lambda t: resolve.choice(resolve.INTERPRETATIONS, t, "interpretation"),
            "none",
        ),
        nationality=get("nationality", resolver.country),
        residence_status=get(
            "residence_status",
            lambda t: resolve.choice(resolve.RESIDENCE_STATUSES, t, "residence status"),
            "",
        ),
        municipality=get("municipality", resolver.municipality),
        summary=cells.get("summary", ""),
        actions=cells.get("actions", ""),
        status=get("status", lambda t: resolve.choice(resolve.STATUSES, t, "status"), "open"),
        closed_on=get("closed_on", lambda t: resolve.day(t, HEADERS["closed_on"][0])),
    )
    return values if values.received_at else None


def _rule_problems(values: services.CaseValues, problem) -> None:
    try:
        services.check_case(values)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = {"received_at": "received_on"}.get(name, name)
            for message in messages:
                problem(column, message)


def _key(cells: dict, seen: Counter) -> str:
    content = "\x1f".join(f"{k}={cells.get(k, '')}" for k in HEADERS)
    seen[content] += 1
    return hashlib.sha256(f"{content}\x1e{seen[content]}".encode()).hexdigest()


def check(table: list[list[str]], organisation) -> Checked:
    """Every row's problems, or the rows ready to import."""
    result = Checked()
    if not table:
        result.problems.append(RowProblem(1, "header", _("the file is empty")))
        return result
    columns = _columns(table[0], result.problems)
    if result.problems:
        return result
    resolver = resolve.Resolver(organisation)
    seen: Counter = Counter()
    for number, row in enumerate(table[1:], start=2):
        if not any(row):
            continue
        cells = {key: row[i] for i, key in enumerate(columns) if key and i < len(row)}
        problems: list[RowProblem] = []

        def problem(name, reason, number=number, problems=problems):
            label = HEADERS.get(name, (name,))[0]
            problems.append(RowProblem(number, label, reason))

        values = _values(resolver, cells, problem)
        if values is not None and not problems:
            _rule_problems(values, problem)
        result.problems.extend(problems)
        if not problems:
            result.rows.append(Row(number, values, _key(cells, seen)))
    return result


@dataclass
class Report:
    created: int = 0
    already_imported: int = 0


@transaction.atomic
def write(actor: Actor, rows: list[Row], organisation) -> Report:
    """Open a case per new row; rows imported before are left alone."""
    existing = set(
        Case.objects.filter(owner=organisation)
        .exclude(import_key="")
        .values_list("import_key", flat=True)
    )
    report = Report()
    for row in rows:
        if row.key in existing:
            report.already_imported += 1
            continue
        services.open_case(actor, organisation, row.values, import_key=row.key)
        report.created += 1
    return report
