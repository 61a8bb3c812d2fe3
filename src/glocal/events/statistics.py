"""Outcomes of an event as counts: arrivals by country and by kind of organisation, feedback
averages. Counts only — no names leave the registrations table."""

from django.db.models import Count

from glocal.events.models import Event, Feedback, Registration
from glocal.events.services import FEEDBACK_QUESTIONS


def arrivals(event: Event) -> dict:
    arrived = Registration.objects.filter(event=event, check_in__isnull=False)
    by_country = arrived.values("country__code").annotate(n=Count("id")).order_by("-n")
    by_kind = arrived.values("organisation_kind").annotate(n=Count("id")).order_by("-n")
    registered = event.registrations.values("status").annotate(n=Count("id"))
    return {
        "registered": {row["status"]: row["n"] for row in registered},
        "arrived": arrived.count(),
        "walk_ins": event.walk_ins,
        "by_country": {row["country__code"] or "": row["n"] for row in by_country},
        "by_organisation_kind": {row["organisation_kind"] or "": row["n"] for row in by_kind},
    }


def feedback(event: Event) -> dict:
    answers = list(Feedback.objects.filter(event=event).values_list("ratings", flat=True))
    averages = {}
    for key in FEEDBACK_QUESTIONS:
        given = [r[key] for r in answers if key in r]
        averages[key] = round(sum(given) / len(given), 2) if given else None
    return {"responses": len(answers), "averages": averages}


def outcomes(event: Event) -> dict:
    return {
        **arrivals(event),
        "feedback": feedback(event),
        "media_links": event.media_links,
        "negotiations": event.negotiations,
        "contracts": event.contracts,
        "contract_value_yen": event.contract_value_yen,
    }
