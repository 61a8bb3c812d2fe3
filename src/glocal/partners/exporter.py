"""Affiliations as CSV or XLSX, in the importer's columns (dates ISO 8601), so an export
imports back unchanged. The caller chooses the affiliations (scoped to what its reader may see);
files are written by glocal.core.exports, so no cell opens as a formula."""

from django.db.models import QuerySet

from glocal.core import exports

COLUMNS = ("prefecture", "municipality", "lg_code", "country", "partner_region", "partner")
COLUMNS += ("kind", "signed_on", "fields", "notes")


def rows(affiliations: QuerySet):
    """The header, then one row per affiliation (an empty queryset gives the header only)."""
    yield COLUMNS
    ordered = affiliations.select_related(
        "local_government__prefecture", "partner__country", "partner__subdivision"
    ).order_by("local_government__code", "partner__name_local", "pk")
    for a in ordered.iterator(chunk_size=2000):
        place = a.local_government
        prefecture = place if place.is_prefecture else place.prefecture
        yield (
            prefecture.name,
            "" if place.is_prefecture else place.name,
            place.code,
            a.partner.country.code,
            a.partner.subdivision.name if a.partner.subdivision else "",
            a.partner.name_local,
            a.kind,
            a.signed_on.isoformat() if a.signed_on else "",
            ",".join(a.fields),
            a.notes,
        )


def to_csv(affiliations: QuerySet) -> bytes:
    return exports.to_csv(rows(affiliations))


def to_xlsx(affiliations: QuerySet) -> bytes:
    return exports.to_xlsx({"affiliations": rows(affiliations)})
