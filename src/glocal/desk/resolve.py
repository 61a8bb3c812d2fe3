"""Turn what people type (codes, names in Japanese or English) into the desk's records.

One `Resolver` per organisation and request or file: it loads the organisation's topics and
referral agencies once and remembers every country and municipality it looked up, so that an
import of thousands of rows asks the database once per distinct value.
"""

import unicodedata
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.desk import tags
from glocal.desk.models import ReferralAgency, Topic
from glocal.desk.vocabulary import (
    CHANNEL_NAMES,
    INTERPRETATION_NAMES,
    STATUS_NAMES,
    AgeBand,
    Channel,
    Gender,
    Interpretation,
    ResidenceStatus,
    Status,
)
from glocal.places.models import Country, LocalGovernment


class Unknown(ValueError):
    """A value that names nothing; the message says what was typed."""


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().casefold()


def _names(choices, extra: dict) -> dict[str, str]:
    found = {}
    for value, label in choices.choices:
        found[fold(value)] = value
        found[fold(str(label))] = value
    for value, names in extra.items():
        for name in names:
            found[fold(name)] = value
    return found


CHANNELS = _names(Channel, CHANNEL_NAMES)
INTERPRETATIONS = _names(Interpretation, INTERPRETATION_NAMES)
STATUSES = _names(Status, STATUS_NAMES)
RESIDENCE_STATUSES = _names(ResidenceStatus, {})
AGE_BANDS = _names(AgeBand, {"": ("不明", "未回答", "not stated")})
GENDERS = _names(Gender, {"female": ("女", "女性"), "male": ("男", "男性"), "": ("不明",)})


def choice(table: dict[str, str], value: str, what: str) -> str:
    found = table.get(fold(value))
    if found is None:
        raise Unknown(_("unknown %(what)s %(value)r") % {"what": what, "value": value})
    return found


def topics_for(organisation_id: int):
    """The platform's default topics and the organisation's own."""
    return Topic.objects.filter(Q(owner=None) | Q(owner_id=organisation_id))


class Resolver:
    def __init__(self, organisation):
        self.organisation = organisation
        self.topics: dict[str, Topic] = {}
        for topic in topics_for(organisation.pk).order_by("-owner_id"):  # defaults last
            for name in (topic.code, topic.name, topic.name_en):
                self.topics.setdefault(fold(name), topic)
        self.agencies = {
            fold(agency.name): agency
            for agency in ReferralAgency.objects.filter(owner=organisation)
        }
        self.agencies_by_id = {agency.pk: agency for agency in self.agencies.values()}
        self._countries: dict[str, Country | None] = {}
        self._municipalities: dict[str, LocalGovernment | None] = {}

    def language(self, value: str) -> str:
        try:
            return tags.language_tag(value)
        except tags.UnknownTag:
            raise Unknown(_("unknown language %(value)r") % {"value": value}) from None

    def topic(self, value: str) -> Topic:
        found = self.topics.get(fold(value))
        if found is None:
            raise Unknown(_("unknown topic %(value)r") % {"value": value})
        return found

    def agency(self, value: str | int) -> ReferralAgency:
        found = (
            self.agencies_by_id.get(value)
            if isinstance(value, int)
            else self.agencies.get(fold(value))
        )
        if found is None:
            raise Unknown(_("unknown referral agency %(value)r") % {"value": value})
        return found

    def country(self, value: str) -> Country:
        key = fold(value)
        if key not in self._countries:
            found = list(Country.objects.search(value)[:2]) if key else []
            self._countries[key] = found[0] if len(found) == 1 else None
        if self._countries[key] is None:
            raise Unknown(_("unknown country %(value)r") % {"value": value})
        return self._countries[key]

    def municipality(self, value: str) -> LocalGovernment:
        """By its code, or by its name: in the desk's own prefecture first, then anywhere if
        the name is unique in Japan."""
        key = fold(value)
        if key not in self._municipalities:
            self._municipalities[key] = self._find_municipality(
                unicodedata.normalize("NFKC", value).strip()
            )
        if self._municipalities[key] is None:
            raise Unknown(_("unknown municipality %(value)r") % {"value": value})
        return self._municipalities[key]

    def _find_municipality(self, text: str) -> LocalGovernment | None:
        places = LocalGovernment.objects.current().exclude(kind=LocalGovernment.Kind.PREFECTURE)
        if text.isdigit() and len(text) in (5, 6):
            return places.filter(code__startswith=text).first()
        named = places.filter(Q(name=text) | Q(name_en__iexact=text))
        home = self.organisation.local_government
        prefecture_id = home and (home.pk if home.is_prefecture else home.prefecture_id)
        if prefecture_id:
            local = list(named.filter(prefecture_id=prefecture_id)[:2])
            if len(local) == 1:
                return local[0]
        found = list(named[:2])
        return found[0] if len(found) == 1 else None


def day(value: str, what: str) -> date:
    try:
        return wareki.parse_date(value)
    except ValueError:
        raise Unknown(
            _("%(value)r is not a date (%(what)s)") % {"value": value, "what": what}
        ) from None
