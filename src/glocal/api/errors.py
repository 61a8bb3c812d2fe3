"""One JSON shape for every API error:

    {"error": {"status": 404, "code": "not_found", "message": "...", "fields": [...]}}

`fields` lists {"field": "name", "message": "..."} for validation errors, else it is empty.
"""

import logging

from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    500: "server_error",
}


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorDetailOut(Schema):
    status: int
    code: str
    message: str
    fields: list[FieldErrorOut]


class ErrorOut(Schema):
    """Every error answer: the status, a stable code, a message in the caller's language, and
    the fields at fault."""

    error: ErrorDetailOut


def error_response(status: int, message: str, fields: list[dict] | None = None) -> JsonResponse:
    body = {
        "status": status,
        "code": _CODES.get(status, "error"),
        "message": str(message),
        "fields": fields or [],
    }
    return JsonResponse({"error": body}, status=status, json_dumps_params={"ensure_ascii": False})


def _ninja_fields(exc: NinjaValidationError) -> list[dict]:
    fields = []
    for item in exc.errors:
        # ("body", "payload", "name") → "name"; ("query", "limit") → "limit"
        loc = [str(part) for part in item.get("loc", ()) if part not in ("body", "query", "path")]
        loc = loc[1:] if len(loc) > 1 and loc[0] in ("payload", "data", "filters") else loc
        fields.append({"field": ".".join(loc) or "request", "message": item.get("msg", "")})
    return fields


def install(api) -> None:
    """Register the handlers that turn exceptions into the error shape."""

    @api.exception_handler(NinjaValidationError)
    def invalid_request(request: HttpRequest, exc: NinjaValidationError):
        fields = _ninja_fields(exc)
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
        return error_response(
            422, _("The request is not valid: %(summary)s") % {"summary": summary}, fields
        )

    @api.exception_handler(ValidationError)
    def invalid_data(request: HttpRequest, exc: ValidationError):
        if hasattr(exc, "error_dict"):
            fields = [
                {"field": name, "message": " ".join(str(m) for m in messages)}
                for name, messages in exc.message_dict.items()
            ]
        else:
            fields = [{"field": "request", "message": " ".join(exc.messages)}]
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
        return error_response(422, summary, fields)

    @api.exception_handler(Http404)
    @api.exception_handler(ObjectDoesNotExist)
    def not_found(request: HttpRequest, exc: Exception):
        message = str(exc) if isinstance(exc, Http404) and str(exc) else _("Not found.")
        return error_response(404, message)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied):
        return error_response(403, str(exc) or _("You may not do this."))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        message = (
            str(exc)
            if str(exc) and str(exc) != "Unauthorized"
            else _("Log in, or send an API token as 'Authorization: Bearer <token>'.")
        )
        return error_response(exc.status_code, message)

    @api.exception_handler(ProtectedError)
    def in_use(request: HttpRequest, exc: ProtectedError):
        return error_response(409, _("This record is still used by other records."))

    @api.exception_handler(IntegrityError)
    def conflict(request: HttpRequest, exc: IntegrityError):
        # A safety net: services check uniqueness first; a race between two requests (or a
        # check a service lacks) ends here, rolled back, rather than as a 500. Logged so that
        # the missing check is found.
        logger.warning("Integrity error on %s %s: %s", request.method, request.path, exc)
        return error_response(409, _("This conflicts with an existing record."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        return error_response(exc.status_code, str(exc))

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig):
        return error_response(413, _("The request body is too large."))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception):
        logger.exception("API error on %s %s", request.method, request.path)
        return error_response(500, _("Something went wrong on our side; it has been logged."))
