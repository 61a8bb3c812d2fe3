"""The one place that decides which records an actor may see and change.

Every query for owned records goes through `visible()` or `editable()`; every write checks
`require()`. Platform superusers are support staff: they see everything but the rules are the
same for everyone else.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from glocal.orgs.actors import Actor
from glocal.orgs.models import PlaceGrant, Role


def visible(queryset: QuerySet, actor: Actor) -> QuerySet:
    """Public records plus those owned by the actor's organisations."""
    if actor.is_superuser:
        return queryset
    mine = Q(owner_id__in=actor.organisation_ids(Role.VIEWER))
    if _has_field(queryset, "is_public"):
        return queryset.filter(Q(is_public=True) | mine)
    return queryset.filter(mine)


def owned(queryset: QuerySet, actor: Actor, role: Role = Role.VIEWER) -> QuerySet:
    """Records of the organisations where the actor holds `role`, whatever `is_public` says:
    for personal data (contacts, their groups and mailings), which is never public."""
    if actor.is_superuser:
        return queryset
    return queryset.filter(owner_id__in=actor.organisation_ids(role))


def editable(queryset: QuerySet, actor: Actor) -> QuerySet:
    """Records the actor may change: those of organisations where they are editor or admin."""
    return owned(queryset, actor, Role.EDITOR)


def require(actor: Actor, organisation_id: int | None, role: Role) -> None:
    """Raise PermissionDenied unless the actor holds `role` in the organisation."""
    if actor.is_superuser or actor.has_role(organisation_id, role):
        return
    raise PermissionDenied(
        _("This needs the %(role)s role in the organisation that owns it.")
        % {"role": Role(role).label}
    )


def is_admin(actor: Actor, organisation) -> bool:
    return actor.is_superuser or actor.has_role(organisation.pk, Role.ADMIN)


def can_change(actor: Actor, record) -> bool:
    return actor.is_superuser or actor.has_role(record.owner_id, Role.EDITOR)


def _has_field(queryset: QuerySet, name: str) -> bool:
    return any(f.name == name for f in queryset.model._meta.get_fields())


def _covers(place, local_government) -> bool:
    """A place covers itself; a prefecture its municipalities and wards; a city its wards."""
    if local_government.pk == place.pk:
        return True
    if place.is_prefecture:
        return local_government.prefecture_id == place.pk
    return local_government.parent_id == place.pk


def _granted(organisation, local_government) -> bool:
    """Whether platform staff granted the organisation a place that covers this one."""
    covering = {local_government.pk, local_government.prefecture_id, local_government.parent_id}
    return (
        PlaceGrant.objects.active()
        .filter(organisation=organisation, local_government_id__in=covering - {None})
        .exists()
    )


def represents(organisation, local_government) -> bool:
    """Whether the organisation acts for this place: its own local government and, for one
    that serves a prefecture, every municipality (and ward) in that prefecture; for a city,
    its wards; and the places platform staff granted it (`PlaceGrant`), covered the same way.
    Nothing else: not a neighbouring municipality, not the prefecture a municipality is in."""
    if organisation is None or local_government is None:
        return False
    own = organisation.local_government
    if own is not None and _covers(own, local_government):
        return True
    return organisation.pk is not None and _granted(organisation, local_government)


def require_place(actor: Actor, organisation, local_government) -> None:
    """Raise PermissionDenied unless the organisation may act for the place. Platform staff
    act for any place; for everyone else the organisation's places are the limit."""
    if actor.is_superuser or represents(organisation, local_government):
        return
    raise PermissionDenied(
        _("%(organisation)s does not act for %(place)s.")
        % {"organisation": organisation, "place": local_government}
    )
