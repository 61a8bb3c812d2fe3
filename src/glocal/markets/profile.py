"""The country profile: what every app knows about one country, each app's part contributed
through `glocal.core.registry.country_section` and built for the actor who asks (so each
part shows only what that actor may see)."""

import datetime
from dataclasses import dataclass

from glocal.core import registry


@dataclass
class Built:
    key: str
    title: str
    template: str
    context: dict


def build(actor, country) -> list[Built]:
    """The sections that have something to show for the country, in their order."""
    found = []
    for section in registry.country_sections():
        context = section.build(actor, country)
        if context is not None:
            found.append(Built(section.key, str(section.title), section.template, context))
    return found


def as_data(value):
    """A section's context as JSON for the API: texts, numbers, lists and mappings as they
    are; dates in ISO 8601; records and anything else by their text."""
    if isinstance(value, dict):
        return {str(k): as_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [as_data(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
