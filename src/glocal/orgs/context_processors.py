from glocal.orgs.models import Role
from glocal.orgs.selection import active_membership, memberships_for


def organisations(request) -> dict:
    """The signed-in user's organisations, the one they are working in, and what their role
    there allows, so that pages offer only the actions the role may take."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = active_membership(request)
    role = Role(membership.role) if membership else None
    return {
        "my_memberships": memberships_for(user),
        "active_membership": membership,
        "active_may_edit": user.is_superuser or bool(role and role.includes(Role.EDITOR)),
        "active_may_administer": user.is_superuser or bool(role and role.includes(Role.ADMIN)),
    }
