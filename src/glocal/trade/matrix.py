"""The matrix a prefecture's staff read: for one date, each country or region with measures on
the prefecture's products (rows) against the product groups (columns)."""

from dataclasses import dataclass, field
from datetime import date

from glocal.trade import hs, queries
from glocal.trade.models import MeasureKind

# Columns: the groups offices ask about, not 食品全般 (which every food measure would fill).
COLUMNS = ("水産物", "食肉", "乳製品", "野菜", "きのこ", "果実", "茶", "米", "酒類", "飼料")
SHORT = {
    MeasureKind.SUSPENSION: "停止",
    MeasureKind.INSPECTION_CERTIFICATE: "検査",
    MeasureKind.ORIGIN_CERTIFICATE: "産地",
    MeasureKind.BORDER_INSPECTION: "検疫",
    MeasureKind.OTHER: "他",
}


@dataclass
class Row:
    country: object
    cells: list[list[str]] = field(default_factory=list)  # measure kinds per column
    illustrative: bool = False


def build(versions, prefecture: str, on: date) -> tuple[list, list[Row], list]:
    """(column groups, rows, the measures behind them)."""
    groups = [hs.group_named(name) for name in COLUMNS]
    items = queries.matching(queries.in_force(versions, on), prefecture=prefecture)
    rows: dict[str, Row] = {}
    for item in items:
        row = rows.setdefault(item.measure.country.code, Row(item.measure.country))
        if not row.cells:
            row.cells = [[] for _ in groups]
        row.illustrative |= item.version.illustrative
        for index, group in enumerate(groups):
            kinds = row.cells[index]
            if hs.overlaps(item.version.products, group.codes) and item.measure.kind not in kinds:
                kinds.append(item.measure.kind)
    return groups, sorted(rows.values(), key=lambda r: r.country.code), items
