"""Every affiliation as CSV or XLSX, in the importer's columns (dates ISO 8601), so an export
imports back unchanged."""

import csv
import io

from glocal.partners.models import Affiliation

COLUMNS = ("prefecture", "municipality", "lg_code", "country", "partner_region", "partner")
COLUMNS += ("kind", "signed_on", "fields", "notes")


def rows(affiliations=None):
    affiliations = affiliations or Affiliation.objects.select_related(
        "local_government__prefecture", "partner__country", "partner__subdivision"
    ).order_by("local_government__code", "partner__name_local")
    yield COLUMNS
    for a in affiliations:
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
            ",".join(a.field_list),
            a.notes,
        )


def to_csv() -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows())
    return buffer.getvalue().encode("utf-8-sig")  # with a BOM, so Excel reads it as UTF-8


def to_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("affiliations")
    for row in rows():
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
