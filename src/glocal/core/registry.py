"""The registries through which apps contribute to each other.

An app never imports another app. What it offers to the rest of the platform it registers here,
from its own `contributions.py` module, and the consumer reads the registry:

- derived indicators (`offer_indicator`): figures plans compute from an app's records;
- staff dashboard items (`dashboard_item`): what awaits the signed-in user in that app;
- public links (`public_link`): the app's public pages, listed on the home page;
- country profile sections (`country_section`): what an app knows about one country;
- market factors (`market_factor`): what an app adds to a prefecture's focus-market score;
- subscription topics (`subscription_topics`): what residents may choose to be mailed about
  (notices' categories); the portal word `category_<topic>` names each;
- worker sweeps (`worker_sweep`): what every `glocal worker` runs when it starts and then
  periodically, to take over work that a killed worker left (the outbox's stalled deliveries).

`discover()` imports every Glocal app's `contributions` module once, when Django is ready.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.dispatch import Signal


@dataclass(frozen=True)
class Computation:
    """A derived indicator: `compute(organisation_id, fiscal_year)` returns (value,
    provenance), or (value, provenance, sample) when the figure was computed from sample
    figures made up for a demonstration (the stored actual is then marked as a sample too);
    `watches` names the models whose changes alter the figure, each with how to
    find the organisation a record belongs to."""

    key: str
    label: str
    compute: Callable
    watches: tuple = ()


@dataclass(frozen=True)
class DashboardItem:
    """One line on the staff dashboard: a count of what awaits the user, and where to act."""

    label: str
    count: int
    url: str


@dataclass(frozen=True)
class PublicLink:
    label: str  # lazily translated
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class CountrySection:
    """A section of a country's profile: `build(actor, country)` returns the template's
    context, or None when the app has nothing to show for that country."""

    key: str
    title: str  # lazily translated
    template: str
    build: Callable
    order: int = 100


@dataclass(frozen=True)
class MarketFactor:
    """A factor of the focus-market score: `score(prefecture, countries)` returns, for each
    country code it has something to say about, (points, reason); the scorer adds the points
    and shows the reasons."""

    key: str
    label: str  # lazily translated
    score: Callable


# Sent by an app after writing records in bulk (bulk writes send no post_save), with
# `organisation_id`: whoever counts those records (plans' derived indicators) recounts.
records_written = Signal()

INDICATORS: dict[str, Computation] = {}
DASHBOARD: list[Callable] = []  # (actor, organisation) -> iterable of DashboardItem
PUBLIC_LINKS: list[PublicLink] = []
COUNTRY_SECTIONS: dict[str, CountrySection] = {}
MARKET_FACTORS: dict[str, MarketFactor] = {}
SUBSCRIPTION_TOPICS: list[str] = []
WORKER_SWEEPS: list[Callable[[], int]] = []  # each returns how many pieces of work it resumed


def offer_indicator(key: str, label: str, watches: tuple = ()):
    def register(function):
        INDICATORS[key] = Computation(key, label, function, watches)
        return function

    return register


def dashboard_item(function: Callable) -> Callable:
    if function not in DASHBOARD:
        DASHBOARD.append(function)
    return function


def public_link(label: str, url_name: str, order: int = 100) -> None:
    link = PublicLink(label, url_name, order)
    if link not in PUBLIC_LINKS:
        PUBLIC_LINKS.append(link)


def country_section(key: str, title: str, template: str, order: int = 100):
    def register(function):
        COUNTRY_SECTIONS[key] = CountrySection(key, title, template, function, order)
        return function

    return register


def market_factor(key: str, label: str):
    def register(function):
        MARKET_FACTORS[key] = MarketFactor(key, label, function)
        return function

    return register


def worker_sweep(function: Callable[[], int]) -> Callable[[], int]:
    if function not in WORKER_SWEEPS:
        WORKER_SWEEPS.append(function)
    return function


def offer_subscription_topics(topics) -> None:
    for topic in topics:
        if topic not in SUBSCRIPTION_TOPICS:
            SUBSCRIPTION_TOPICS.append(topic)


def subscription_topics() -> list[str]:
    return list(SUBSCRIPTION_TOPICS)


def dashboard_items(actor, organisation) -> list[DashboardItem]:
    """Everything the apps say awaits the actor in the organisation, non-zero counts only."""
    if organisation is None:
        return []
    found: Iterable[DashboardItem] = (
        item for contribute in DASHBOARD for item in contribute(actor, organisation)
    )
    return [item for item in found if item.count]


def public_links() -> list[PublicLink]:
    return sorted(PUBLIC_LINKS, key=lambda link: link.order)


def country_sections() -> list[CountrySection]:
    return sorted(COUNTRY_SECTIONS.values(), key=lambda section: section.order)


def discover() -> None:
    """Import every Glocal app's `contributions` module (a second call imports nothing new)."""
    for config in apps.get_app_configs():
        name = f"{config.name}.contributions"
        if config.name.startswith("glocal.") and find_spec(name):
            import_module(name)
