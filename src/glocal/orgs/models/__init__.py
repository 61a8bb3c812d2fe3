from glocal.orgs.models.audit import AuditEvent
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
    "Role",
]
