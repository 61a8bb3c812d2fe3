"""What events offer the rest of the platform (see glocal.core.registry): derived plan
indicators, the public events link and the staff dashboard."""

from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from glocal.core.registry import (
    DashboardItem,
    country_section,
    dashboard_item,
    market_factor,
    offer_indicator,
    public_link,
)
from glocal.events.models import EXCHANGE_KINDS, Event, Kind
from glocal.wareki import fiscal_year_dates

# Recomputed when an event changes (its outcomes, its walk-ins). Check-ins are not watched: a
# recompute per scan would queue thousands of tasks at a door; the figure follows when the
# event's outcomes are saved, and at every recompute of the plan.
EVENTS = (("events.Event", lambda event: event.owner_id),)
# A co-host's figures change too; its plans recompute when it next saves or recomputes.


def _held(organisation_id: int, fiscal_year: int, kinds):
    start, end = fiscal_year_dates(fiscal_year)
    # Events it owns or co-hosts (a seminar MOFA holds with the prefecture counts for both).
    hosted = Event.objects.filter(Q(owner_id=organisation_id) | Q(cohosts=organisation_id))
    return Event.objects.filter(
        pk__in=hosted.values("pk"),
        kind__in=kinds,
        starts_at__date__range=(start, end),
        ends_at__lte=timezone.now(),
    )


def _participants(events) -> tuple[int, str]:
    counted = events.annotate(arrived=Count("check_ins")).values_list("pk", "arrived", "walk_ins")
    rows = list(counted)
    total = sum(arrived + walk_ins for _pk, arrived, walk_ins in rows)
    return total, f"events {sorted(pk for pk, _a, _w in rows)} (check-ins + walk-ins)"


@offer_indicator("events.exchange_events", "Exchange events held in the fiscal year", EVENTS)
def exchange_events(organisation_id: int, fiscal_year: int):
    found = _held(organisation_id, fiscal_year, EXCHANGE_KINDS)
    return found.count(), f"events {sorted(found.values_list('pk', flat=True))}"


@offer_indicator("events.exchange_participants", "Participants in exchange events", EVENTS)
def exchange_participants(organisation_id: int, fiscal_year: int):
    return _participants(_held(organisation_id, fiscal_year, EXCHANGE_KINDS))


@offer_indicator("events.disaster_training_participants", "Participants in disaster drills", EVENTS)
def disaster_training_participants(organisation_id: int, fiscal_year: int):
    return _participants(_held(organisation_id, fiscal_year, [Kind.DISASTER_DRILL]))


@offer_indicator(
    "events.japanese_class_municipalities", "Municipalities with a Japanese class", EVENTS
)
def japanese_class_municipalities(organisation_id: int, fiscal_year: int):
    """Municipalities where a Japanese-class series held a lesson in the fiscal year."""
    start, end = fiscal_year_dates(fiscal_year)
    found = Event.objects.filter(
        owner_id=organisation_id,
        kind=Kind.JAPANESE_CLASS,
        venue_local_government__isnull=False,
        sessions__starts_at__date__range=(start, end),
    )
    codes = sorted(set(found.values_list("venue_local_government__code", flat=True)))
    return len(codes), f"municipalities {codes}"


@offer_indicator("events.negotiations", "Business negotiations at events", EVENTS)
def negotiations(organisation_id: int, fiscal_year: int):
    found = _held(organisation_id, fiscal_year, Kind.values)
    total = found.aggregate(n=Sum("negotiations"))["n"] or 0
    return total, f"events {sorted(found.filter(negotiations__gt=0).values_list('pk', flat=True))}"


public_link(gettext_lazy("Events"), "events_public:list", order=40)


@dashboard_item
def upcoming(actor, organisation):
    coming = Event.objects.filter(
        Q(owner=organisation) | Q(cohosts=organisation), starts_at__gte=timezone.now()
    ).distinct()
    return [DashboardItem(_("Upcoming events"), coming.count(), reverse("events:list"))]


SECTION_ROWS = 20


@country_section(
    "events.held_there",
    gettext_lazy("Events held there"),
    "core/country_section.html",
    order=20,
)
def events_in(actor, country):
    """Events the actor may see whose venue is in the country, newest first."""
    from glocal.events import access

    found = access.visible(actor).filter(venue_country=country).order_by("-starts_at")
    count = found.count()
    if not count:
        return None
    language = translation.get_language() or "ja"
    return {
        "summary": _("%(count)s events held in %(country)s.")
        % {"count": count, "country": country.name_ja},
        "headers": [_("Event"), _("Kind"), _("Date")],
        "rows": [
            [
                e.title_in(language),
                e.get_kind_display(),
                timezone.localtime(e.starts_at).date().isoformat(),
            ]
            for e in found[:SECTION_ROWS]
        ],
    }


EVENT_POINTS, EVENTS_MAX, EVENT_YEARS = 3, 15, 3


@market_factor("events.held_there", gettext_lazy("Events held there"))
def events_held_there(prefecture, countries):
    """Public events of the last three years held in the country by organisations of the
    prefecture (its own and its municipalities'): 3 points each, at most 15."""
    since = timezone.now() - timedelta(days=365 * EVENT_YEARS)
    found = (
        Event.objects.filter(
            is_public=True, starts_at__gte=since, venue_country__code__in=countries
        )
        .filter(
            Q(owner__local_government=prefecture)
            | Q(owner__local_government__prefecture=prefecture)
        )
        .values_list("venue_country__code")
        .annotate(n=Count("pk"))
    )
    return {
        code: (
            min(EVENTS_MAX, EVENT_POINTS * n),
            _("%(n)s public events held there in the last %(years)s years")
            % {"n": n, "years": EVENT_YEARS},
        )
        for code, n in found
    }
