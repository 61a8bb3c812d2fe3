"""The country profile: what every app knows about one country, each app's part contributed
through `glocal.core.registry.country_section` and built for the actor who asks (so each
part shows only what that actor may see).

Every registered section is kept, including those with nothing to show for the country: the
page says so rather than leaving the reader to wonder whether the app was asked at all."""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from glocal.core import registry


@dataclass
class Built:
    key: str
    title: str
    template: str
    context: dict | None  # None: the app has nothing for this country

    @property
    def empty(self) -> bool:
        return self.context is None

    @property
    def html(self) -> SafeString:
        """The section rendered with its own context only: an app's template sees the names
        its build function gave it (`measures`, `rows`…), nothing of the page around it."""
        if self.context is None:
            return SafeString("")
        return render_to_string(self.template, self.context)


def build(actor, country) -> list[Built]:
    """Every registered section for the country, in their order; empty ones with context
    None."""
    return [
        Built(section.key, str(section.title), section.template, section.build(actor, country))
        for section in registry.country_sections()
    ]


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
