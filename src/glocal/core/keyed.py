"""One row by its key, with the SQL written once per model and key.

The door's check-in asks for rows by primary or unique key on every scan: the phone's API token
and its organisation, the event and the ticket's registration. Building each of those queries
with the ORM (filters, ordering, compiling) cost more than the rest of the request together;
the statement for "this model where these columns equal" never changes, so it is written once,
with the database's converters for its columns, and each call only runs it.
"""

from functools import cache

from django.db import connections, models, router


@cache
def _statement(model: type[models.Model], keys: tuple[str, ...], alias: str):
    """(sql, attribute names, converters per column) for `model` where `keys` equal."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    keys = tuple(model._meta.pk.name if key == "pk" else key for key in keys)
    columns = ", ".join(quote(field.column) for field in fields)
    where = " AND ".join(f"{quote(model._meta.get_field(key).column)} = %s" for key in keys)
    converters = [
        connection.ops.get_db_converters(field.get_col(model._meta.db_table))
        + field.get_db_converters(connection)
        for field in fields
    ]
    sql = f"SELECT {columns} FROM {quote(model._meta.db_table)} WHERE {where}"
    return sql, [field.attname for field in fields], converters


def get(model: type[models.Model], **key) -> models.Model | None:
    """The row of `model` whose fields equal `key` (a primary or unique key), else None."""
    alias = router.db_for_read(model)
    names = tuple(sorted(key))
    sql, attnames, converters = _statement(model, names, alias)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, [key[name] for name in names])
        row = cursor.fetchone()
    if row is None:
        return None
    expression = None  # Django's converters take (value, expression, connection); none reads it
    values = []
    for value, column_converters in zip(row, converters, strict=True):
        for convert in column_converters:
            value = convert(value, expression, connection)
        values.append(value)
    return model.from_db(alias, attnames, values)
