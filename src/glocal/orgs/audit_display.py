"""The audit log as a reader sees it: the log stores what happened in the words of the code
(model labels, field names, stored values, "command line"); the page names them in the reader's
language. The stored event stays as written."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glocal.orgs.models import AuditEvent

# How an event came in (Actor.via), and the names the log gives to actors without a user.
CHANNELS = {
    "web": pgettext_lazy("audit log: through", "web page"),
    "api": pgettext_lazy("audit log: through", "API"),
    "cli": pgettext_lazy("audit log: through", "command line"),
    "task": pgettext_lazy("audit log: through", "background task"),
    "portal": pgettext_lazy("audit log: through", "resident portal"),
}
SYSTEM_ACTORS = {
    "command line": pgettext_lazy("audit log: who", "command line"),
    "background task": pgettext_lazy("audit log: who", "background task"),
    "anonymous": pgettext_lazy("audit log: who", "anonymous"),
}
BOOLEANS = {True: _("yes"), False: _("no")}


@dataclass
class Change:
    field: str
    code: str
    before: object
    after: object


@dataclass
class Row:
    event: AuditEvent
    who: str
    channel: str
    record_type: str
    changes: list[Change]


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None


def _value(field, value):
    if value is None:
        return None
    if isinstance(value, bool):
        return BOOLEANS[value]
    if isinstance(value, list | tuple) and not hasattr(field, "label_of"):
        # Several at once (the contacts added to a list, by id): each as it would show alone.
        return ", ".join(str(_value(field, item)) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items())
    if hasattr(field, "label_of"):  # a set of codes: each in the reader's words
        return field.label_of(value)
    # A reverse relation (an event's "learners") has neither choices nor a verbose name.
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
    return choices.get(value, value)


def row(event: AuditEvent) -> Row:
    model = _model(event.model)
    changes = []
    for name, (before, after) in (event.changes or {}).items():
        field = _field(model, name)
        label = getattr(field, "verbose_name", None) or name
        changes.append(Change(str(label), name, _value(field, before), _value(field, after)))
    return Row(
        event=event,
        who=event.actor if event.user_id else SYSTEM_ACTORS.get(event.actor, event.actor),
        channel=CHANNELS.get(event.via, event.via),
        record_type=str(model._meta.verbose_name) if model is not None else event.model,
        changes=changes,
    )
