"""iCalendar (RFC 5545) for one event and a feed of an organisation's public events, written
with the `icalendar` library. Times carry the event's own zone (a VTIMEZONE is added), so an
event abroad shows at its local time in every calendar."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//Glocal//events//EN"


def _calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _vevent(event, language: str, url: str = "") -> VEvent:
    zone = ZoneInfo(event.timezone)
    item = VEvent()
    item.add("uid", f"event-{event.pk}@glocal")
    item.add("dtstamp", datetime.now(UTC))
    item.add("dtstart", timezone.localtime(event.starts_at, zone))
    item.add("dtend", timezone.localtime(event.ends_at, zone))
    item.add("summary", event.title_in(language))
    description = event.description_in(language)
    if description:
        item.add("description", description)
    location = ", ".join(
        part
        for part in (
            event.venue_name,
            event.venue_local_government.name if event.venue_local_government else "",
            event.venue_country.name_en if event.venue_country else "",
        )
        if part
    )
    if location:
        item.add("location", location)
    if url:
        item.add("url", url)
    item.add("last-modified", event.updated_at)
    return item


def event_ics(event, language: str = "ja", url: str = "") -> bytes:
    calendar = _calendar()
    calendar.add_component(_vevent(event, language, url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(events, language: str, name: str, url_of=lambda event: "") -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_vevent(event, language, url_of(event)))
    calendar.add_missing_timezones()
    return calendar.to_ical()
