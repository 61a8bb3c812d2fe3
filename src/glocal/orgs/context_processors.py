from glocal.orgs.selection import active_membership, memberships_for


def organisations(request) -> dict:
    """The signed-in user's organisations and the one they are working in, for the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "my_memberships": memberships_for(user),
        "active_membership": active_membership(request),
    }
