"""Who sees which events and registrations. Built on glocal.orgs.scoping, extended to
co-hosts: an event's co-hosting organisations see and manage it as its owner does."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from glocal.core import keyed
from glocal.events.models import Event
from glocal.orgs import scoping
from glocal.orgs.models import Role


def hosted(actor, role: Role = Role.VIEWER) -> QuerySet:
    """Events the actor holds `role` for: as a member of the owner or of a co-host."""
    if actor.is_superuser:
        return Event.objects.all()
    mine = actor.organisation_ids(role)
    return Event.objects.filter(Q(owner_id__in=mine) | Q(cohosts__in=mine)).distinct()


def visible(actor) -> QuerySet:
    """Public events to everyone; the rest to their hosts."""
    public = scoping.visible(Event.objects.all(), actor)
    if actor.is_superuser:
        return public
    return Event.objects.filter(
        Q(pk__in=public.values("pk")) | Q(pk__in=hosted(actor).values("pk"))
    )


def is_host(actor, event, role: Role = Role.VIEWER) -> bool:
    """Without a query when the actor's organisation owns the event: every scan at the door
    asks this, and most doors are the owner's."""
    if actor.is_superuser:
        return True
    mine = actor.organisation_ids(role)
    if event.owner_id in mine:
        return True
    return bool(mine) and event.cohosts.filter(pk__in=mine).exists()


def hosted_event(actor, event_id: int, role: Role = Role.VIEWER) -> Event | None:
    """The event if the actor hosts it with `role`, else None. One query for the owner."""
    event = keyed.get(Event, pk=event_id)  # asked on every scan at the door
    return event if event is not None and is_host(actor, event, role) else None


def require_host(actor, event, role: Role = Role.EDITOR) -> None:
    if not is_host(actor, event, role):
        raise PermissionDenied(
            _("This needs the %(role)s role in an organisation that hosts the event.")
            % {"role": Role(role).label}
        )
