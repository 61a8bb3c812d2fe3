"""What the OpenAPI document says beyond the handlers' own schemas: how to authenticate, and
the errors each operation can answer with, all in the one error shape of `glocal.api.errors`.

Clients and fuzzers read these: an operation that takes a token says so, and a 422 or 404 is a
documented answer, not a surprise.
"""

from django.conf import settings
from ninja import NinjaAPI
from ninja.openapi.schema import BODY_CONTENT_TYPES, OpenAPISchema
from ninja.operation import Operation

from glocal.api.auth import OptionalActor, RequireActor
from glocal.api.errors import ErrorOut

SECURITY_SCHEMES = {
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": settings.SESSION_COOKIE_NAME,
        "description": "A signed-in user's session. Writes also need the CSRF token in the "
        "X-CSRFToken header.",
    },
    "token": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "glc_…",
        "description": "An organisation's API token: `Authorization: Bearer glc_…`.",
    },
}
_EITHER = [{"session": []}, {"token": []}]

_ERRORS = {
    401: "The token is malformed, unknown or revoked, or nobody is signed in.",
    403: "The caller's role does not allow this, or the CSRF check failed.",
    404: "A record or code named in the request does not exist, or is not visible to the caller.",
    409: "The record is still used by other records, or conflicts with an existing one.",
    413: "The request body (or the text in it) is too large.",
    422: "A parameter or a field of the body is not valid; `fields` names each.",
}
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _errors_of(operation: Operation) -> list[int]:
    sources = {model.__ninja_param_source__ for model in operation.models}
    statuses = []
    if operation.auth_callbacks:
        statuses += [401, 403]
    if sources - set(BODY_CONTENT_TYPES):
        statuses.append(404)
    if _WRITES & set(operation.methods):
        statuses.append(409)
    if sources & set(BODY_CONTENT_TYPES):
        statuses.append(413)
    if sources:
        statuses.append(422)
    return statuses


class GlocalSchema(OpenAPISchema):
    def operation_security(self, operation: Operation) -> list[dict] | None:
        callbacks = operation.auth_callbacks
        if not callbacks:
            return None
        self.securitySchemes.update(SECURITY_SCHEMES)
        if any(isinstance(callback, OptionalActor) for callback in callbacks):
            return [{}, *_EITHER]  # `{}`: anonymous callers are let in too
        assert all(isinstance(callback, RequireActor) for callback in callbacks), callbacks
        return list(_EITHER)

    def responses(self, operation: Operation) -> dict:
        result = super().responses(operation)
        if "ErrorOut" not in self.schemas:
            self.schemas["ErrorOut"], _required = self._create_schema_from_model(
                ErrorOut, remove_level=False, mode="serialization"
            )
        error = {"$ref": "#/components/schemas/ErrorOut"}
        for status in _errors_of(operation):
            result.setdefault(
                status,
                {
                    "description": _ERRORS[status],
                    "content": {"application/json": {"schema": error}},
                },
            )
        return result


class GlocalAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return GlocalSchema(api=self, path_prefix=path_prefix)
