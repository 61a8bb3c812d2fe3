from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from glocal.api.limits import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET


class Paginated(LimitOffsetPagination):
    """`?limit=&offset=` in, `{"items": [...], "count": N}` out."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        # Bounded so that no offset reaches the database's integer limits (a 500 before).
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
