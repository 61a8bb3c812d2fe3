"""Writes to organisations, memberships and tokens, shared by the staff pages and the API."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal.orgs import scoping, tasks
from glocal.orgs.actors import Actor
from glocal.orgs.models import ApiToken, Membership, Organisation, PlaceGrant, Role
from glocal.places.models import Country, LocalGovernment


def _require_platform_staff(actor: Actor) -> None:
    if not actor.is_superuser:
        raise PermissionDenied(
            _("Only platform administrators may create or delete organisations.")
        )


def _resolve_places(data: dict) -> dict:
    """Turn `local_government` and `country` codes into records, naming the field if unknown;
    an empty code clears the field."""
    for name in ("local_government", "country"):
        if name in data and not data[name]:
            data[name] = None
    if data.get("local_government"):
        code = data["local_government"]
        place = LocalGovernment.objects.filter(code=code).first()
        if place is None:
            raise ValidationError(
                {
                    "local_government": _("No local government has the code %(code)s.")
                    % {"code": code}
                }
            )
        data["local_government"] = place
    if data.get("country"):
        code = data["country"].upper()
        country = Country.objects.filter(code=code).first()
        if country is None:
            raise ValidationError(
                {"country": _("No country has the ISO code %(code)s.") % {"code": code}}
            )
        data["country"] = country
    return data


@transaction.atomic
def create_organisation(actor: Actor, data: dict) -> Organisation:
    _require_platform_staff(actor)
    organisation = Organisation(**_resolve_places(dict(data)))
    organisation.full_clean()
    organisation.save()
    return organisation


# Which place an organisation is decides which places it acts for (glocal.orgs.scoping), so
# only platform staff change these; its administrators change its names.
PLACE_FIELDS = ("kind", "local_government", "country")


def _require_place_unchanged(actor: Actor, organisation: Organisation, changes: dict) -> None:
    if actor.is_superuser:
        return
    for name in PLACE_FIELDS:
        if name in changes and changes[name] != getattr(organisation, name):
            raise PermissionDenied(
                _("Only platform administrators may change which place an organisation is.")
            )


@transaction.atomic
def update_organisation(actor: Actor, organisation: Organisation, changes: dict) -> Organisation:
    scoping.require(actor, organisation.pk, Role.ADMIN)
    changes = _resolve_places(dict(changes))
    _require_place_unchanged(actor, organisation, changes)
    for name, value in changes.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def delete_organisation(actor: Actor, organisation: Organisation) -> None:
    _require_platform_staff(actor)
    organisation.delete()


def _may_be_added(actor: Actor, user, organisation: Organisation) -> bool:
    """An organisation's administrator adds accounts that belong to no organisation yet (made
    for this, by platform staff); an account that already works for another organisation is
    added only by platform staff, since its owner never agreed to join (their uploads could
    land in the wrong organisation)."""
    if actor.is_superuser:
        return True
    return not Membership.objects.filter(user=user).exclude(organisation=organisation).exists()


@transaction.atomic
def add_member(
    actor: Actor, organisation: Organisation, email: str, role: Role
) -> Membership | None:
    """Add an existing user, found by e-mail address, and tell them by e-mail. None when no
    account may be added under that address; the caller says the same thing either way, so
    that nobody learns through this form which addresses have accounts."""
    scoping.require(actor, organisation.pk, Role.ADMIN)
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None or not _may_be_added(actor, user, organisation):
        return None
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        # Members are listed on the organisation's page anyway: nothing new is told.
        raise ValidationError({"email": _("%(email)s is already a member.") % {"email": email}})
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    transaction.on_commit(lambda: tasks.send_membership_notice.enqueue(membership.pk))
    return membership


@transaction.atomic
def issue_token(
    actor: Actor, organisation: Organisation, name: str, role: Role
) -> tuple[ApiToken, str]:
    """Create a token; return it with its plain text, which is never shown again."""
    scoping.require(actor, organisation.pk, Role.ADMIN)
    if actor.token is not None:
        raise PermissionDenied(_("API tokens are issued by a signed-in administrator."))
    if not name.strip():
        raise ValidationError({"name": _("Give the token a name that says what uses it.")})
    token = ApiToken(organisation=organisation, name=name.strip(), role=role, created_by=actor.user)
    plain = token.issue()
    token.full_clean()
    token.save()
    return token, plain


@transaction.atomic
def revoke_token(actor: Actor, token: ApiToken) -> ApiToken:
    scoping.require(actor, token.organisation_id, Role.ADMIN)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def check_place_grant(
    organisation: Organisation, local_government: LocalGovernment, reason: str
) -> None:
    """Raise ValidationError, by field, for a grant that says nothing or changes nothing."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the organisation acts for this place.")})
    if scoping.represents(organisation, local_government):
        raise ValidationError(
            {
                "local_government": _("%(organisation)s already acts for %(place)s.")
                % {"organisation": organisation, "place": local_government}
            }
        )


@transaction.atomic
def grant_place(
    actor: Actor, organisation: Organisation, local_government: LocalGovernment, reason: str
) -> PlaceGrant:
    """Let the organisation act for a place beyond its own (platform staff only)."""
    if not actor.is_superuser:
        raise PermissionDenied(_("Only platform administrators may grant places."))
    check_place_grant(organisation, local_government, reason)
    grant = PlaceGrant(
        organisation=organisation,
        local_government=local_government,
        reason=reason.strip(),
        granted_by=actor.user if getattr(actor.user, "is_authenticated", False) else None,
    )
    grant.full_clean()
    grant.save()
    return grant


@transaction.atomic
def revoke_place_grant(actor: Actor, grant: PlaceGrant) -> PlaceGrant:
    """End a grant; it stays on record as revoked (platform staff only)."""
    if not actor.is_superuser:
        raise PermissionDenied(_("Only platform administrators may revoke places."))
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.revoked_by = actor.user if getattr(actor.user, "is_authenticated", False) else None
        grant.save(update_fields=["revoked_at", "revoked_by"])
    return grant
