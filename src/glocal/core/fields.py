"""Model fields every app may use."""

from django.db import models
from django.db.models.lookups import Contains


def _pack(codes) -> str:
    codes = sorted({str(code) for code in codes if str(code)})
    return f",{','.join(codes)}," if codes else ""


def _unpack(text: str | None) -> list[str]:
    return [code for code in (text or "").split(",") if code]


class CodeSetField(models.CharField):
    """A small set of codes (fields of exchange, country codes, notice categories) in one text
    column. Python sees a sorted list without repeats; the column holds `,culture,youth,`, so
    that `field__has="youth"` finds the rows holding one code with a plain LIKE on every
    database, without a join table for a handful of fixed codes."""

    description = "A set of codes"

    def __init__(self, *args, labels=None, **kwargs):
        # What each code means to a reader (a TextChoices class); pages and the audit log
        # show these instead of the codes. Not part of the column, so not in migrations.
        self.labels = labels
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection) -> list[str]:
        return _unpack(value)

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple | set | frozenset):
            return sorted({str(code) for code in value if str(code)})
        return _unpack(value)

    def get_prep_value(self, value) -> str:
        if isinstance(value, str):  # one code, as a lookup's value
            return _pack([value]) if value and "," not in value else value
        return _pack(value or ())

    def label_of(self, value) -> str:
        """The codes in the reader's words, joined."""
        codes = self.to_python(value)
        names = dict(self.labels.choices) if self.labels is not None else {}
        return ", ".join(str(names.get(code, code)) for code in codes)

    def value_to_string(self, obj) -> str:
        return self.get_prep_value(self.value_from_object(obj))


@CodeSetField.register_lookup
class Has(Contains):
    """`field__has="code"`: the set holds this code (`,code,` inside the column)."""

    lookup_name = "has"

    def get_db_prep_lookup(self, value, connection):
        return "%s", [f",{value},"]

    def get_rhs_op(self, connection, rhs):
        return connection.operators["contains"] % rhs
