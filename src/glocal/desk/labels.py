"""Names of statistics keys for people: a language's name, a topic's, a country's."""

from functools import cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from glocal.desk import tags
from glocal.desk.models import Topic
from glocal.desk.vocabulary import AgeBand, Channel, Gender, Interpretation, ResidenceStatus
from glocal.places.models import Country, LocalGovernment


def dimension(name: str) -> str:
    return {
        "language": _("Language"),
        "topic": _("Topic"),
        "channel": _("Channel"),
        "month": _("Month"),
        "nationality": _("Nationality"),
        "residence_status": _("Residence status"),
        "municipality": _("Municipality"),
        "interpretation": _("Interpretation"),
        "age_band": _("Age"),
        "gender": _("Gender"),
    }[name]


def _ui() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


@cache
def _topic(code: str, ui: str) -> str:
    topic = Topic.objects.filter(code=code).order_by("owner_id").first()
    return code if topic is None else (topic.name_en if ui == "en" else topic.name)


def value(dimension_name: str, key) -> str:
    """A key as shown in tables; an empty key is "not stated"."""
    if key in ("", None):
        return _("Not stated")
    ui = _ui()
    if dimension_name == "language":
        return tags.language_name(key, ui)
    if dimension_name == "topic":
        return _topic(key, ui)
    if dimension_name == "nationality":
        country = Country.objects.filter(code=key).first()
        return key if country is None else (country.name_en if ui == "en" else country.name_ja)
    if dimension_name == "municipality":
        place = LocalGovernment.objects.filter(code=key).first()
        return key if place is None else (place.name_en if ui == "en" else place.name)
    choices = {
        "channel": Channel,
        "residence_status": ResidenceStatus,
        "interpretation": Interpretation,
        "age_band": AgeBand,
        "gender": Gender,
    }.get(dimension_name)
    if choices is not None:
        return str(dict(choices.choices).get(key, key))
    return str(key)
