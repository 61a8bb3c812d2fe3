"""The audit log: every create, update and delete of audited records, and sensitive reads."""

from django.db import router, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from glocal.core import keyed
from glocal.orgs import actors
from glocal.orgs.models import AuditedModel, AuditEvent


def _value(value) -> object:
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def _changes(instance: AuditedModel, created: bool) -> dict[str, list]:
    """Field name → [before, after] for what this save changed."""
    before = getattr(instance, "_audit_loaded", {})
    changes = {}
    for field in instance._meta.concrete_fields:
        if field.name in instance.audit_exclude or getattr(field, "auto_now", False):
            continue  # secrets, and timestamps that change on every save
        after = _value(getattr(instance, field.attname))
        old = None if created else _value(before.get(field.attname))
        if created or old != after:
            changes[field.name] = [old, after]
    return changes


def write(instance: AuditedModel, action: str, changes: dict | None = None) -> AuditEvent:
    actor = actors.current()
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    event = AuditEvent(
        organisation_id=instance.audit_organisation_id(),
        user=user,
        actor=actor.label[:200],
        via=actor.via,
        action=action,
        model=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes or {},
        ip_address=actor.ip_address,
    )
    # Every audited write adds one of these; nothing listens for their signals.
    keyed.insert(event)
    return event


def create(instance: AuditedModel) -> None:
    """Insert a new audited record with its event in one transaction, as `save()` does and
    with the same signals, but with statements made once per model: for rows added at the pace
    of a door, where the ORM's building of the two INSERTs was a sixth of each check-in."""
    model = type(instance)
    alias = router.db_for_write(model)
    with transaction.atomic(using=alias):
        pre_save.send(sender=model, instance=instance, raw=False, using=alias, update_fields=None)
        keyed.insert(instance)
        post_save.send(
            sender=model, instance=instance, created=True, update_fields=None, raw=False,
            using=alias,
        )  # fmt: skip


def write_bulk(actor, records: list, action: str, batch_size: int = 1000) -> None:
    """One event per record written in bulk (bulk writes send no post_save), marked as such;
    inside the caller's transaction, like every other audit event."""
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                organisation_id=record.audit_organisation_id(),
                user=user,
                actor=actor.label[:200],
                via=actor.via,
                action=action,
                model=record._meta.label,
                object_id=str(record.pk),
                object_repr=str(record)[:200],
                changes={"import": [None, "bulk"]},
                ip_address=actor.ip_address,
            )
            for record in records
        ],
        batch_size=batch_size,
    )


def set_related(actor, instance: AuditedModel, name: str, objects) -> None:
    """Set the many-to-many field `name` of `instance` to `objects` and log the change, by
    ids, in the caller's transaction: Django sends no post_save for links, and some links
    grant access (an event's co-hosts) or say what a case was about (its topics)."""
    manager = getattr(instance, name)
    objects = list(objects)
    before = sorted(manager.values_list("pk", flat=True))
    manager.set(objects)
    after = sorted({getattr(item, "pk", item) for item in objects})
    if after != before:
        with actors.acting_as(actor):
            write(instance, AuditEvent.Action.UPDATE, {name: [before, after]})


def record_read(instance: AuditedModel) -> None:
    """Log that the current actor was shown a sensitive record."""
    if instance.sensitive:
        write(instance, AuditEvent.Action.READ)


def _saved(sender, instance, created, raw=False, **kwargs):
    if raw or not isinstance(instance, AuditedModel):
        return
    changes = _changes(instance, created)
    if created or changes:
        write(instance, AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, changes)
    instance._audit_loaded = {
        f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields
    }


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, AuditedModel):
        write(instance, AuditEvent.Action.DELETE)


def connect_signals() -> None:
    post_save.connect(_saved, dispatch_uid="glocal_audit_saved")
    post_delete.connect(_deleted, dispatch_uid="glocal_audit_deleted")
