"""Bounds on what the API accepts, declared as types so they also appear in the OpenAPI document.

Anything a client sends that the database cannot hold (an id past the column, a text longer
than the column, a number past the integer type, NaN) is refused here with a 422, before a
query runs: otherwise SQLite stores it silently and PostgreSQL fails with a 500.
"""

from datetime import UTC, datetime
from typing import Annotated

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path
from pydantic import AfterValidator

# Every primary key is a BigAutoField (settings.DEFAULT_AUTO_FIELD).
MAX_ID = 2**63 - 1
# Pages: `limit` 1..MAX_LIMIT (settings.NINJA_PAGINATION_MAX_LIMIT), `offset` 0..MAX_OFFSET.
DEFAULT_LIMIT = settings.NINJA_PAGINATION_PER_PAGE
MAX_LIMIT = settings.NINJA_PAGINATION_MAX_LIMIT
MAX_OFFSET = 10_000_000
# PositiveSmallIntegerField holds 0..32767; a fiscal year (April–March) is a four-digit year.
MIN_FISCAL_YEAR, MAX_FISCAL_YEAR = 1000, 9999
# PositiveIntegerField holds 0..2^31-1 on every database Django supports.
MAX_POSITIVE_INT = 2**31 - 1
# How many items a list or mapping in a request body may have.
MAX_ITEMS = 200


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000; Django's forms refuse it the same way.
    if "\x00" in value:
        raise ValueError(_("Text may not contain the NUL character (U+0000)."))
    return value


# Dates and times: a wide window, but one no time zone shift pushes past year 1 or 9999.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _moment(value: datetime) -> datetime:
    # A time without an offset is read in the site's time zone (Asia/Tokyo), as staff pages do.
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        year = value.astimezone(UTC).year
    except OverflowError:
        year = 0
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            _("Dates must fall between the years %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return value


Moment = Annotated[datetime, AfterValidator(_moment)]
RecordId = Annotated[int, Field(ge=1, le=MAX_ID, description="A record's id.")]
PathId = Annotated[int, Path(..., ge=1, le=MAX_ID)]
FiscalYear = Annotated[int, Field(ge=MIN_FISCAL_YEAR, le=MAX_FISCAL_YEAR)]
PathFiscalYear = Annotated[int, Path(..., ge=MIN_FISCAL_YEAR, le=MAX_FISCAL_YEAR)]
FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=MAX_POSITIVE_INT)]


def text(max_length: int, min_length: int = 0):
    """A string the database column holds: at most `max_length` characters, no NUL."""
    return Annotated[
        str, Field(min_length=min_length, max_length=max_length), AfterValidator(_no_nul)
    ]


# A text bounded elsewhere (by a handler's own limit and status), but never with a NUL.
PlainText = Annotated[str, AfterValidator(_no_nul)]

# Codes and search words in query strings and paths.
Code = text(16)
SearchText = text(200)
