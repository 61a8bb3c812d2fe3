"""Every version of the visible measures as CSV or XLSX, in the importer's columns, so that an
export imports back unchanged."""

from glocal.core import exports
from glocal.trade.models import MeasureVersion, Scope

COLUMNS = ("country", "prefectures", "products", "measure", "title", "effective_from",
           "effective_to", "reference", "reference_url", "notes", "illustrative")  # fmt: skip


def _prefectures(version: MeasureVersion) -> str:
    if version.scope == Scope.ALL:
        return "全都道府県"
    listed = "、".join(version.prefectures)
    return f"除く {listed}" if version.scope == Scope.EXCEPT else listed


def rows(versions):
    """The effective versions only: a correction replaces the row it corrects."""
    yield COLUMNS
    latest = {}
    for version in versions.order_by("number"):
        latest[(version.measure_id, version.effective_from)] = version
    for version in sorted(latest.values(), key=lambda v: (str(v.measure), v.effective_from)):
        measure = version.measure
        yield tuple(
            str(cell)
            for cell in (
                measure.country.code, _prefectures(version), "、".join(version.products),
                measure.kind, measure.title, version.effective_from.isoformat(),
                version.effective_to.isoformat() if version.effective_to else "",
                version.reference, version.reference_url, version.notes,
                "1" if version.illustrative else "",
            )
        )  # fmt: skip


def to_csv(versions) -> bytes:
    return exports.to_csv(rows(versions))


def to_xlsx(versions) -> bytes:
    return exports.to_xlsx({"restrictions": rows(versions)})
