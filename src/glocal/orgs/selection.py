"""The organisation a signed-in user is working in, kept in their session."""

from django.http import HttpRequest

from glocal.orgs.models import Membership

SESSION_KEY = "glocal_active_organisation"


def memberships_for(user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership chosen with the switcher, else the user's first one."""
    if hasattr(request, "_glocal_active_membership"):
        return request._glocal_active_membership
    memberships = memberships_for(request.user)
    chosen = request.session.get(SESSION_KEY)
    membership = next((m for m in memberships if m.organisation_id == chosen), None)
    membership = membership or (memberships[0] if memberships else None)
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
