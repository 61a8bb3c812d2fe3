"""Statistics files in the tidy layout, checked row by row before anything is written.

The tidy layout is one figure per row, with a header naming the columns (English or Japanese,
any order; country, prefecture, hs_code, status, source and published_on may be left out):

    measure, period, country, prefecture, hs_code, value, status, source, published_on

`check(rows)` resolves every name for the whole file at once (one query per table) and gives
the rows ready to write, or the problems, each naming its row and column. `compare(...)` then
sets the rows against what the organisation already holds: new, replacing (a final figure
replacing a preliminary one, or a revision), unchanged (importing a file again changes nothing)
or kept (a preliminary figure never replaces a final one). A figure published before the one it
would replace is a problem: the file is older than what is recorded.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core import exports
from glocal.core.tables import RowProblem as Problem
from glocal.core.tables import parse_number
from glocal.markets import periods
from glocal.markets.layouts.common import column_letter
from glocal.markets.models import SOURCE_MAX, VALUE_MAX, Measure, Statistic, Status
from glocal.places.models import Country, LocalGovernment
from glocal.places.text import fold

HEADERS = {
    "measure": ("measure", "指標", "統計", "項目"),
    "period": ("period", "期間", "年月", "時点"),
    "country": ("country", "国・地域", "国", "国籍", "国籍・地域", "region"),
    "prefecture": ("prefecture", "都道府県"),
    "hs_code": ("hs_code", "hs", "HSコード", "品目コード", "統計品目番号"),
    "value": ("value", "値", "数値"),
    "status": ("status", "速報・確報", "区分"),
    "source": ("source", "出典"),
    "published_on": ("published_on", "公表日"),
}
REQUIRED = ("measure", "period", "value")
STATUSES = {
    Status.PRELIMINARY: ("preliminary", "p", "速報", "速報値", "暫定", "暫定値"),
    Status.FINAL: ("final", "f", "確報", "確報値", "確定", "確定値", "年報"),
}
TOTALS = ("", "合計", "総数", "計", "total", "all", "全国", "japan", "全世界", "総額")
PROGRESS_EVERY = 10_000

_HEADER_BY_NAME = {fold(name): key for key, names in HEADERS.items() for name in names}
_STATUS_BY_NAME = {fold(name): value for value, names in STATUSES.items() for name in names}
_TOTAL_NAMES = {fold(name) for name in TOTALS}
_HS = re.compile(r"\d{2}|\d{4}|\d{6}|\d{9}")
# HS chapters in use: 01–97 (77 is reserved for future use).
_HS_CHAPTERS = {f"{n:02d}" for n in range(1, 98)} - {"77"}


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    measure_id: int
    country: str
    prefecture: str
    hs_code: str
    period: periods.Period
    value: float
    status: str
    source: str
    published_on: date | None

    @property
    def key(self) -> tuple:
        return (self.measure_id, self.country, self.prefecture, self.hs_code, self.period.label)


@dataclass
class Checked:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Names:
    """Every name a file may use, read once (one query per table), then resolved per distinct
    text: a million rows name a few dozen countries."""

    def __init__(self, organisation_id: int | None):
        self.measures: dict[str, int] = {}
        own = Q(owner__isnull=True) | Q(is_public=True)
        if organisation_id is not None:
            own |= Q(owner_id=organisation_id)
        for measure in Measure.objects.filter(own).order_by("-owner_id"):
            for name in (measure.key, measure.name_ja, measure.name_en):
                self.measures[fold(name)] = measure.pk
        self.countries = list(Country.objects.only("code", "alpha3", "search_text"))
        self.prefectures: dict[str, str] = {}
        for place in LocalGovernment.objects.prefectures():
            stem = place.name if place.name == "北海道" else place.name[:-1]
            english = place.name_en.removesuffix(" Prefecture").removesuffix(" Metropolis")
            for name in (
                place.code,
                place.code[:5],
                place.code[:2],
                place.name,
                stem,
                place.name_en,
                english,
            ):
                self.prefectures[fold(name)] = place.code
        self._country_cache: dict[str, str | None] = {}

    def country(self, text: str) -> str | None:
        """The ISO code, '' for a total, None when unknown or ambiguous."""
        if text not in self._country_cache:
            self._country_cache[text] = self._find_country(fold(text))
        return self._country_cache[text]

    def _find_country(self, needle: str) -> str | None:
        if needle in _TOTAL_NAMES:
            return ""
        found = []
        if len(needle) in (2, 3) and needle.isascii() and needle.isalpha():
            found = [c for c in self.countries if needle in (c.code.lower(), c.alpha3.lower())]
        if not found:
            found = [c for c in self.countries if f" {needle} " in c.search_text]
        if not found:
            found = [c for c in self.countries if needle in c.search_text]
        return found[0].code if len(found) == 1 else None


def _hs_code(text: str) -> str | None:
    """HS digits without the dots and dashes offices write (0808.10 → 080810); '' for all
    goods; None when it is no HS code."""
    if fold(text) in _TOTAL_NAMES:
        return ""
    digits = unicodedata.normalize("NFKC", text).replace(".", "").replace("-", "").strip()
    if _HS.fullmatch(digits) and digits[:2] in _HS_CHAPTERS:
        return digits
    return None


def columns_of(header: list[str]) -> tuple[list[str | None], list[Problem]]:
    columns = [_HEADER_BY_NAME.get(fold(name)) for name in header]
    problems = [
        Problem(1, name, _("unknown column"))
        for name, key in zip(header, columns, strict=True)
        if name and key is None
    ]
    problems += [
        Problem(1, needed, _("this column is missing"))
        for needed in REQUIRED
        if needed not in columns
    ]
    return columns, problems


def check(
    rows: Iterable[list[str]],
    organisation_id: int | None,
    progress: Callable[[int], None] | None = None,
) -> Checked:
    """Every row of a tidy table (header first) checked: the rows ready to write, or every
    problem. `progress(n)` hears every PROGRESS_EVERY rows how many were read."""
    result = Checked()
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        result.problems.append(Problem(1, "header", _("the file is empty")))
        return result
    columns, result.problems = columns_of(header)
    if result.problems:
        return result
    names = _Names(organisation_id)
    seen: dict[tuple, int] = {}
    index = {key: i for i, key in enumerate(columns) if key is not None}
    counted = 1
    for counted, cells in enumerate(rows, start=2):
        number = getattr(cells, "number", counted)  # a layout's row of the original file
        if progress is not None and counted % PROGRESS_EVERY == 0:
            progress(counted - 1)
        if not any(cells):
            continue
        values = {key: cells[i] if i < len(cells) else "" for key, i in index.items()}
        where = getattr(cells, "where", None)
        row = _check_row(number, values, names, result.problems, where)
        if row is None:
            continue
        first = seen.get(row.key)
        seen.setdefault(row.key, number)
        if first is not None:
            result.problems.append(
                Problem(
                    number,
                    "period",
                    _("the same figure is already in row %(row)s") % {"row": first},
                )
            )
            continue
        result.rows.append(row)
    if progress is not None:
        progress(counted - 1)
    # A layout's header cell (a nationality) is named once, not once for every row under it.
    result.problems = list(dict.fromkeys(result.problems))
    return result


def _check_row(
    number: int, values: dict, names: _Names, problems: list, where: dict | None = None
) -> Row | None:
    """The row, or None with its problems added. `where` (from a layout) says which cell of
    the file a column came from: its problems name that row and the spreadsheet's column."""
    found = len(problems)

    def problem(column: str, reason: str) -> None:
        if where and column in where:
            row, index = where[column]
            problems.append(Problem(row, f"{column} ({column_letter(index)})", reason))
        else:
            problems.append(Problem(number, column, reason))

    raw = values["measure"]
    measure_id = names.measures.get(fold(raw))
    if measure_id is None:
        problem("measure", _("unknown measure %(name)r") % {"name": raw})
    raw = values.get("country", "")
    country = names.country(raw)
    if country is None:
        problem("country", _("unknown country %(name)r") % {"name": raw})
    raw = values.get("prefecture", "")
    prefecture = "" if fold(raw) in _TOTAL_NAMES else names.prefectures.get(fold(raw))
    if prefecture is None:
        problem("prefecture", _("unknown prefecture %(name)r") % {"name": raw})
    raw = values.get("hs_code", "")
    hs_code = _hs_code(raw)
    if hs_code is None:
        problem("hs_code", _("unknown HS code %(code)r") % {"code": raw})
    period = _period(values["period"], problem)
    value = _value(values["value"], problem)
    raw = values.get("status", "")
    status = _STATUS_BY_NAME.get(fold(raw)) if raw else Status.FINAL
    if status is None:
        problem(
            "status", _("%(value)r is neither preliminary (速報) nor final (確報)") % {"value": raw}
        )
    source = exports.unquote(values.get("source", ""))
    if len(source) > SOURCE_MAX:
        problem("source", _("longer than %(n)s characters") % {"n": SOURCE_MAX})
    published_on = None
    if values.get("published_on"):
        try:
            published_on = wareki.parse_date(values["published_on"])
        except ValueError as exc:
            problem("published_on", str(exc))
    if len(problems) > found:
        return None
    return Row(
        number,
        measure_id,
        country,
        prefecture,
        hs_code,
        period,
        value,
        status,
        source,
        published_on,
    )


def _period(text: str, problem) -> periods.Period | None:
    try:
        return periods.parse(text)
    except ValueError:
        problem(
            "period",
            _("%(value)r is not a period; write 2025-04, 2025Q2, FY2025, 2025 or 令和7年4月")
            % {"value": text},
        )
        return None


def _value(text: str, problem) -> float | None:
    if not text:
        problem("value", _("the value is missing"))
        return None
    try:
        value = parse_number(text)
    except ValueError:
        problem("value", _("%(value)r is not a number") % {"value": text})
        return None
    if abs(value) > VALUE_MAX:
        problem("value", _("%(value)s is out of range") % {"value": text})
        return None
    return value


# -- against what is recorded -------------------------------------------------------------------


@dataclass
class Plan:
    """What writing the checked rows would do."""

    new: list[Row] = field(default_factory=list)
    replacing: list[tuple[Row, tuple]] = field(default_factory=list)  # (row, recorded)
    unchanged: int = 0
    kept_final: int = 0
    problems: list[Problem] = field(default_factory=list)


RECORDED = (
    "pk",
    "measure_id",
    "country",
    "prefecture",
    "hs_code",
    "period",
    "value",
    "status",
    "source",
    "published_on",
)


def recorded(organisation_id: int, rows: list[Row]) -> dict[tuple, tuple]:
    """What the organisation holds for the measures and periods of these rows, by key."""
    measures = {row.measure_id for row in rows}
    labels = {row.period.label for row in rows}
    found = Statistic.objects.filter(
        owner_id=organisation_id, measure_id__in=measures, period__in=labels
    ).values_list(*RECORDED)
    return {values[1:6]: values for values in found.iterator(chunk_size=20_000)}


def compare(organisation_id: int, rows: list[Row]) -> Plan:
    plan = Plan()
    held = recorded(organisation_id, rows) if rows else {}
    for row in rows:
        old = held.get(row.key)
        if old is None:
            plan.new.append(row)
            continue
        _pk, *_key, value, status, source, published_on = old
        if (value, status, source, published_on) == (
            row.value,
            row.status,
            row.source,
            row.published_on,
        ):
            plan.unchanged += 1
        elif status == Status.FINAL and row.status == Status.PRELIMINARY:
            plan.kept_final += 1
        elif published_on and row.published_on and row.published_on < published_on:
            plan.problems.append(
                Problem(
                    row.number,
                    "published_on",
                    _(
                        "published %(new)s, before the %(status)s figure recorded for this period "
                        "(%(old)s, published %(published)s)"
                    )
                    % {
                        "new": row.published_on,
                        "status": Status(status).label,
                        "old": value,
                        "published": published_on,
                    },
                )
            )
        else:
            plan.replacing.append((row, old))
    return plan
