from datetime import datetime

from ninja import Field, Schema

from glocal.api.limits import Code, text
from glocal.orgs.models import Organisation, Role

# Column lengths of Organisation and ApiToken.
Slug = text(64, min_length=1)
Name = text(200, min_length=1)
EnglishName = text(200)
TokenName = text(100, min_length=1)


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    name_en: str
    kind: Organisation.Kind
    local_government: str | None = Field(None, alias="local_government.code")
    country: str | None = Field(None, alias="country.code")


class OrganisationIn(Schema):
    slug: Slug
    name: Name
    name_en: EnglishName = ""
    kind: Organisation.Kind
    local_government: Code | None = Field(None, description="Local government code.")
    country: Code | None = Field(None, description="ISO 3166-1 alpha-2 code.")


class OrganisationPatch(Schema):
    name: Name | None = None
    name_en: EnglishName | None = None
    local_government: Code | None = None
    country: Code | None = None


class MemberOut(Schema):
    username: str = Field(alias="user.username")
    email: str = Field(alias="user.email")
    role: Role


class TokenIn(Schema):
    name: TokenName
    role: Role = Role.VIEWER


class TokenOut(Schema):
    id: int
    name: str
    role: Role
    key_id: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class IssuedTokenOut(TokenOut):
    token: str = Field(description="Shown this once; store it now.")


class AuditEventOut(Schema):
    at: datetime
    actor: str
    via: str
    action: str
    model: str
    object_id: str
    object_repr: str
    changes: dict
    ip_address: str | None


class MeOut(Schema):
    username: str | None
    token: str | None
    organisations: dict[str, Role]
