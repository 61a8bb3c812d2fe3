"""Who may see the desk's cases: the one place that decides it (the desk's part of tenancy).

Cases are personal data and stricter than the rest of the platform (`glocal.orgs.scoping`):

- a user sees an organisation's cases only while they are both a member of the organisation
  and one of its desk members (`DeskMember`), whatever their organisation role;
- API tokens belong to an organisation, not a person, and open no case;
- the command line and background tasks (an operator on the server, the retention purge) act
  for every desk: whoever runs them already holds the database;
- platform superusers see no case unless the desk's administrator granted them, by name and for
  a stated reason, a `SupportGrant` that has not expired or been revoked.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from glocal.desk.models import Appointment, Case, DeskMember, SupportGrant
from glocal.orgs.actors import Actor
from glocal.orgs.models import Role


def _person(actor: Actor):
    if actor.token is not None or not getattr(actor.user, "is_authenticated", False):
        return None
    return actor.user


def desk_roles(actor: Actor) -> dict[int, str]:
    """Organisation id → the actor's desk role there."""
    user = _person(actor)
    if user is None:
        return {}
    rows = DeskMember.objects.filter(user=user, organisation__memberships__user=user)
    roles = dict(rows.values_list("organisation_id", "role"))
    if actor.is_superuser or user.is_staff:
        for organisation_id in (
            SupportGrant.objects.active()
            .filter(user=user)
            .values_list("organisation_id", flat=True)
        ):
            roles.setdefault(organisation_id, DeskMember.Role.COUNSELLOR)
    return roles


def desk_organisation_ids(actor: Actor) -> list[int]:
    return sorted(desk_roles(actor))


def cases(actor: Actor) -> QuerySet:
    """The cases the actor may see: those of the desks they work at."""
    return Case.objects.filter(owner_id__in=desk_organisation_ids(actor))


def _operator(actor: Actor) -> bool:
    return actor.via in ("cli", "task") and actor.user is None and actor.token is None


def is_desk_member(actor: Actor, organisation_id: int | None) -> bool:
    return organisation_id is not None and (
        _operator(actor) or organisation_id in desk_roles(actor)
    )


def require_desk(actor: Actor, organisation_id: int | None) -> None:
    if not is_desk_member(actor, organisation_id):
        raise PermissionDenied(_("This needs a desk role in the organisation's consultation desk."))


def is_desk_admin(actor: Actor, organisation_id: int | None) -> bool:
    return desk_roles(actor).get(organisation_id) == DeskMember.Role.ADMIN


def may_manage_roster(actor: Actor, organisation_id: int) -> bool:
    """Desk administrators, and the organisation's administrators (who staff the desk, and
    whose own additions to it are audited like any other)."""
    return is_desk_admin(actor, organisation_id) or (
        _person(actor) is not None and actor.has_role(organisation_id, Role.ADMIN)
    )


def require_desk_admin(actor: Actor, organisation_id: int) -> None:
    if not is_desk_admin(actor, organisation_id):
        raise PermissionDenied(_("This needs the desk administrator's role."))


def appointments(actor: Actor) -> QuerySet:
    """Interpreter appointments of the desks the actor works at (they name cases)."""
    return Appointment.objects.filter(interpreter__owner_id__in=desk_organisation_ids(actor))
