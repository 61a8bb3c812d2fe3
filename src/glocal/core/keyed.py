"""One row by its key, or one new row, with the SQL written once per model.

The door's check-in asks for rows by primary or unique key on every scan: the phone's API token
and its organisation, the event and the ticket's registration. Building each of those queries
with the ORM (filters, ordering, compiling) cost more than the rest of the request together;
the statement for "this model where these columns equal" never changes, so it is written once,
with the database's converters for its columns, and each call only runs it. The same holds for
the rows each scan adds, the arrival and its audit event: `insert` writes them with a statement
made once per model.
"""

from functools import cache

from django.db import connections, models, router


def _columns(model: type[models.Model], alias: str):
    """(quoted table.column list, attribute names, converters per column) of `model`."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = model._meta.concrete_fields
    columns = [f"{table}.{quote(field.column)}" for field in fields]
    converters = [
        connection.ops.get_db_converters(field.get_col(model._meta.db_table))
        + field.get_db_converters(connection)
        for field in fields
    ]
    return columns, [field.attname for field in fields], converters


@cache
def _statement(model: type[models.Model], keys: tuple[str, ...], alias: str, related: str):
    """(sql, [(model, attribute names, converters)] per model read) for `model` where `keys`
    equal, joined to the row its foreign key `related` points at, if any."""
    quote = connections[alias].ops.quote_name
    table = quote(model._meta.db_table)
    keys = tuple(model._meta.pk.name if key == "pk" else key for key in keys)
    columns, attnames, converters = _columns(model, alias)
    parts = [(model, attnames, converters)]
    joins = ""
    if related:
        link = model._meta.get_field(related)
        if link.null:  # an inner join would lose the rows without one
            raise ValueError(f"{model._meta.label}.{related} may be empty; read it apart")
        target = link.related_model
        more, target_attnames, target_converters = _columns(target, alias)
        columns += more
        parts.append((target, target_attnames, target_converters))
        target_table = quote(target._meta.db_table)
        joins = (
            f" INNER JOIN {target_table} ON {table}.{quote(link.column)}"
            f" = {target_table}.{quote(link.target_field.column)}"
        )
    where = " AND ".join(f"{table}.{quote(model._meta.get_field(k).column)} = %s" for k in keys)
    return f"SELECT {', '.join(columns)} FROM {table}{joins} WHERE {where}", parts


def get(model: type[models.Model], related: str = "", **key) -> models.Model | None:
    """The row of `model` whose fields equal `key` (a primary or unique key), else None; with
    `related`, the row its foreign key of that name points at comes in the same query."""
    alias = router.db_for_read(model)
    names = tuple(sorted(key))
    sql, parts = _statement(model, names, alias, related)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, [key[name] for name in names])
        row = cursor.fetchone()
    if row is None:
        return None
    expression = None  # Django's converters take (value, expression, connection); none reads it
    instances, start = [], 0
    for part_model, attnames, converters in parts:
        values = []
        for value, column_converters in zip(row[start:], converters, strict=False):
            for convert in column_converters:
                value = convert(value, expression, connection)
            values.append(value)
        start += len(attnames)
        instances.append(part_model.from_db(alias, attnames, values))
    if related:
        setattr(instances[0], related, instances[1])
    return instances[0]


@cache
def _insert_statement(model: type[models.Model], alias: str):
    """(sql, fields) inserting every concrete field but an automatic key, returning the key."""
    if model._meta.parents:
        raise TypeError(f"{model._meta.label} inherits from another model; save() it")
    connection = connections[alias]
    quote = connection.ops.quote_name
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if not (f is pk and f.db_returning)]
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    if connection.features.can_return_columns_from_insert:
        sql = f"{sql} {connection.ops.return_insert_columns([pk])[0]}"
    return sql, fields


def insert(instance: models.Model) -> None:
    """Write `instance` as a new row, as `save()` would (defaults, auto_now_add, the new key on
    the instance) but without signals: callers that need an audit event send it themselves."""
    model = type(instance)
    alias = router.db_for_write(model)
    connection = connections[alias]
    sql, fields = _insert_statement(model, alias)
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        if connection.features.can_return_columns_from_insert:
            (key,) = cursor.fetchone()
        else:
            key = connection.ops.last_insert_id(cursor, model._meta.db_table, model._meta.pk.column)
    if instance.pk is None:
        instance.pk = key
    instance._state.adding = False
    instance._state.db = alias
