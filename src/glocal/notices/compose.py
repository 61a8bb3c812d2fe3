"""Composing a notice from the phrase library: every language at once, from one set of values."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from glocal import languages
from glocal.notices import slots as slot_types
from glocal.notices.models import PhraseTemplate, ReviewStatus


@dataclass(frozen=True)
class ComposedText:
    title: str
    body: str
    review_status: str


@dataclass(frozen=True)
class Composition:
    phrases: list[str]
    slots: dict[str, str]  # raw values as saved
    texts: dict[str, ComposedText]  # by language tag
    unused: tuple[str, ...] = ()  # values given that no chosen phrase has a slot for


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def compose(keys: list[str], values: dict, owner_id: int | None = None) -> Composition:
    """The texts of the templates `keys`, in order, with `values` for their slots.

    A missing or unknown template, or a missing slot value, is a ValidationError naming it.
    Values no chosen phrase uses are left out and listed in `unused`: a form offers every
    slot, and a value typed for a phrase that was then unticked is no mistake."""
    if not keys:
        raise _error("phrases", _("Choose at least one phrase."))
    found = {
        t.key: t
        for t in PhraseTemplate.objects.filter(key__in=keys).prefetch_related("translations")
    }
    unknown = [key for key in keys if key not in found]
    if unknown:
        raise _error("phrases", _("Unknown phrase: %(keys)s.") % {"keys": ", ".join(unknown)})
    templates = [found[key] for key in keys]
    kinds = {slot["name"]: slot["type"] for t in templates for slot in t.slots}
    given = {name: value for name, value in (values or {}).items() if str(value).strip()}
    missing = [name for name in kinds if name not in given]
    if missing:
        raise ValidationError(
            {
                name: _("%(slot)s is needed by the chosen phrases.")
                % {"slot": slot_types.label(name)}
                for name in missing
            }
        )
    unknown = [name for name in given if name not in slot_types.LABELS]
    if unknown:  # a typo in an API call, not a value typed for an unticked phrase
        raise ValidationError(
            {
                name: _("No phrase in the library has a slot {%(slot)s}.") % {"slot": name}
                for name in unknown
            }
        )
    unused = tuple(name for name in given if name not in kinds)
    parsed = {}
    for name, kind in kinds.items():
        try:
            parsed[name] = slot_types.parse(name, kind, given[name], owner_id)
        except slot_types.SlotError as exc:
            raise _error(name, exc.message) from exc
    texts = {}
    for language in languages.CONTENT_LANGUAGES:
        written = {name: slot_types.localise(kinds[name], parsed[name], language) for name in kinds}
        parts, statuses = [], set()
        for template in templates:
            translation = next(
                (t for t in template.translations.all() if t.language == language.tag), None
            )
            if translation is None:
                break
            parts.append(slot_types.fill(translation.text, written))
            statuses.add(translation.review_status)
        else:
            status = next(
                (s for s in (ReviewStatus.MACHINE, ReviewStatus.UNREVIEWED) if s in statuses),
                ReviewStatus.REVIEWED,
            )
            texts[language.tag] = ComposedText(parts[0], "\n\n".join(parts[1:]), status)
    raw = {name: slot_types.raw_value(kinds[name], parsed[name]) for name in kinds}
    return Composition(list(keys), raw, texts, unused)
