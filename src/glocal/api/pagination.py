from ninja.pagination import LimitOffsetPagination


class Paginated(LimitOffsetPagination):
    """`?limit=&offset=` in, `{"items": [...], "count": N}` out."""
