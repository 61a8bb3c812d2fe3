"""The organisation a signed-in user is working in, kept in their session."""

from django.http import HttpRequest

from glocal.orgs.models import Membership, Role

SESSION_KEY = "glocal_active_organisation"


def memberships_for(user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def starting_membership(memberships: list[Membership]) -> Membership | None:
    """Where a user starts before choosing: the organisation where their role is highest, then
    the first by name, so that an editor somewhere does not land where they may only read."""
    if not memberships:
        return None
    return min(memberships, key=lambda m: (-Role(m.role).rank, m.organisation.name))


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership chosen with the switcher, else the one to start in, which is then kept
    in the session: a membership added later never takes over a session silently."""
    if hasattr(request, "_glocal_active_membership"):
        return request._glocal_active_membership
    memberships = memberships_for(request.user)
    chosen = request.session.get(SESSION_KEY)
    membership = next((m for m in memberships if m.organisation_id == chosen), None)
    if membership is None:
        membership = starting_membership(memberships)
        if membership is not None:
            request.session[SESSION_KEY] = membership.organisation_id
    request._glocal_active_membership = membership
    return membership


def choose(request: HttpRequest, organisation_id: int) -> Membership | None:
    """Switch to an organisation the user belongs to; None if they do not belong to it."""
    membership = Membership.objects.filter(
        user=request.user, organisation_id=organisation_id
    ).first()
    if membership is not None:
        request.session[SESSION_KEY] = organisation_id
        request._glocal_active_membership = membership
    return membership
