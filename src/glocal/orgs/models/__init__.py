from glocal.orgs.models.audit import AuditEvent
from glocal.orgs.models.grant import PlaceGrant
from glocal.orgs.models.organisation import Membership, Organisation, Role
from glocal.orgs.models.tenancy import AuditedModel, OwnedModel
from glocal.orgs.models.token import ApiToken

__all__ = [
    "ApiToken",
    "AuditEvent",
    "AuditedModel",
    "Membership",
    "Organisation",
    "OwnedModel",
    "PlaceGrant",
    "Role",
]
