from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from glocal.api.auth import OptionalActor, RequireActor, actor_of
from glocal.api.limits import PathId, SearchText
from glocal.api.pagination import Paginated
from glocal.orgs import audit, scoping, services
from glocal.orgs.models import ApiToken, AuditEvent, Membership, Organisation, Role
from glocal.orgs.schemas import (
    AuditEventOut,
    IssuedTokenOut,
    MemberOut,
    MeOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    TokenIn,
    TokenOut,
)

router = Router(tags=["organisations"])


class OrganisationFilter(Schema):
    q: SearchText = ""
    kind: Organisation.Kind | None = None


def _organisation(org_id: PathId) -> Organisation:
    return get_object_or_404(
        Organisation.objects.select_related("local_government", "country"), pk=org_id
    )


@router.get("/me", response=MeOut, auth=RequireActor(), tags=["auth"])
def me(request):
    """Who the API sees: the signed-in user or the token, and their roles."""
    actor = actor_of(request)
    slugs = dict(Organisation.objects.filter(pk__in=actor.roles).values_list("pk", "slug"))
    return {
        "username": actor.user.get_username() if actor.user else None,
        "token": actor.token.name if actor.token else None,
        "organisations": {slugs[pk]: role for pk, role in actor.roles.items()},
    }


@router.get("/orgs", response=list[OrganisationOut], auth=OptionalActor())
@paginate(Paginated)
def list_organisations(request, filters: Query[OrganisationFilter]):
    """The directory of organisations: names, kinds and places are public."""
    organisations = Organisation.objects.select_related("local_government", "country")
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.q:
        organisations = organisations.filter(
            Q(name__icontains=filters.q)
            | Q(name_en__icontains=filters.q)
            | Q(slug__icontains=filters.q)
        )
    return organisations


@router.get("/orgs/{org_id}", response=OrganisationOut, auth=OptionalActor())
def get_organisation(request, org_id: PathId):
    return _organisation(org_id)


@router.post("/orgs", response={201: OrganisationOut}, auth=RequireActor())
def create_organisation(request, payload: OrganisationIn):
    return Status(201, services.create_organisation(actor_of(request), payload.dict()))


@router.patch("/orgs/{org_id}", response=OrganisationOut, auth=RequireActor())
def update_organisation(request, org_id: PathId, payload: OrganisationPatch):
    organisation = _organisation(org_id)
    return services.update_organisation(
        actor_of(request), organisation, payload.dict(exclude_unset=True)
    )


@router.delete("/orgs/{org_id}", response={204: None}, auth=RequireActor())
def delete_organisation(request, org_id: PathId):
    services.delete_organisation(actor_of(request), _organisation(org_id))
    return Status(204, None)


@router.get("/orgs/{org_id}/members", response=list[MemberOut], auth=RequireActor())
@paginate(Paginated)
def list_members(request, org_id: PathId):
    """Members and their roles, for members of the organisation. Each read is audited."""
    organisation = _organisation(org_id)
    scoping.require(actor_of(request), organisation.pk, Role.VIEWER)
    members = list(Membership.objects.filter(organisation=organisation).select_related("user"))
    for membership in members:
        audit.record_read(membership)
    return members


@router.get("/orgs/{org_id}/tokens", response=list[TokenOut], auth=RequireActor())
@paginate(Paginated)
def list_tokens(request, org_id: PathId):
    scoping.require(actor_of(request), _organisation(org_id).pk, Role.ADMIN)
    return ApiToken.objects.filter(organisation_id=org_id)


@router.post("/orgs/{org_id}/tokens", response={201: IssuedTokenOut}, auth=RequireActor())
def issue_token(request, org_id: PathId, payload: TokenIn):
    """Issue a token. Its text is in this response only: it is stored hashed."""
    token, plain = services.issue_token(
        actor_of(request), _organisation(org_id), payload.name, payload.role
    )
    token.token = plain
    return Status(201, token)


@router.delete("/orgs/{org_id}/tokens/{token_id}", response=TokenOut, auth=RequireActor())
def revoke_token(request, org_id: PathId, token_id: PathId):
    scoping.require(actor_of(request), _organisation(org_id).pk, Role.ADMIN)
    token = get_object_or_404(ApiToken, pk=token_id, organisation_id=org_id)
    return services.revoke_token(actor_of(request), token)


@router.get("/orgs/{org_id}/audit", response=list[AuditEventOut], auth=RequireActor())
@paginate(Paginated)
def list_audit_events(request, org_id: PathId):
    """The organisation's audit log, newest first, for its administrators."""
    scoping.require(actor_of(request), _organisation(org_id).pk, Role.ADMIN)
    return AuditEvent.objects.filter(organisation_id=org_id)
