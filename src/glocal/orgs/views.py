"""Staff pages for an organisation: members, API tokens and the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glocal.orgs import audit, audit_display, scoping, selection, services
from glocal.orgs.models import ApiToken, AuditEvent, Membership, Organisation, Role


def _organisation_for(request, pk: int, role: Role) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    scoping.require(request.actor, organisation.pk, role)
    return organisation


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@login_required
@require_POST
def switch(request):
    try:
        organisation_id = int(request.POST.get("organisation", ""))
    except ValueError:
        organisation_id = 0
    if selection.choose(request, organisation_id) is None:
        raise PermissionDenied(_("You are not a member of that organisation."))
    return redirect(_safe_next(request, "core:dashboard"))


def _role_from(request) -> Role | None:
    """The role chosen in a form, or None (with a message) for a value that is not a role."""
    try:
        return Role(request.POST.get("role", Role.VIEWER))
    except ValueError:
        messages.error(request, _("Choose a role from the list."))
        return None


@login_required
def detail(request, pk: int):
    organisation = _organisation_for(request, pk, Role.VIEWER)
    is_admin = scoping.is_admin(request.actor, organisation)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied(_("Only the organisation's administrators may add members."))
        role = _role_from(request)
        if role is not None:
            try:
                services.add_member(
                    request.actor, organisation, request.POST.get("email", ""), role
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                # The same words whether or not the address has an account (see add_member).
                messages.success(
                    request,
                    _(
                        "If an account that may be added has this address, it is now a member "
                        "and has been told by e-mail."
                    ),
                )
                return redirect("orgs:detail", pk=pk)
    # Read (and audit the read of) the members only when the page is shown.
    members = list(Membership.objects.filter(organisation=organisation).select_related("user"))
    for membership in members:
        audit.record_read(membership)
    return render(
        request,
        "orgs/detail.html",
        {
            "organisation": organisation,
            "members": members,
            "is_admin": is_admin,
            "roles": Role.choices,
            "nav": "organisation",
        },
    )


@login_required
def tokens(request, pk: int):
    organisation = _organisation_for(request, pk, Role.ADMIN)
    issued = None
    role = _role_from(request) if request.method == "POST" else None
    if role is not None:
        try:
            _token, issued = services.issue_token(
                request.actor, organisation, request.POST.get("name", ""), role
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(
        request,
        "orgs/tokens.html",
        {
            "organisation": organisation,
            "issued": issued,
            "roles": Role.choices,
            "tokens": ApiToken.objects.filter(organisation=organisation),
            "nav": "organisation",
        },
    )


@login_required
@require_POST
def revoke_token(request, pk: int, token_id: int):
    organisation = _organisation_for(request, pk, Role.ADMIN)
    token = get_object_or_404(ApiToken, pk=token_id, organisation=organisation)
    services.revoke_token(request.actor, token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("orgs:tokens", pk=pk)


@login_required
def audit_log(request, pk: int):
    organisation = _organisation_for(request, pk, Role.ADMIN)
    events = AuditEvent.objects.filter(organisation=organisation)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/audit.html",
        {
            "organisation": organisation,
            "page": page,
            "rows": [audit_display.row(event) for event in page],
            "nav": "organisation",
        },
    )
