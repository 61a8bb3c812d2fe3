"""API authentication: an organisation's token (`Authorization: Bearer glc_…`) or a session."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.utils import check_csrf

from glocal.orgs import actors
from glocal.orgs.actors import Actor
from glocal.orgs.models import ApiToken


def _actor(request: HttpRequest) -> Actor | None:
    ip = actors.client_ip(request)
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _sep, credential = header.partition(" ")
        if scheme.lower() != "bearer" or not credential.strip():
            raise AuthenticationError(401, _("Send the token as 'Authorization: Bearer <token>'."))
        token = ApiToken.objects.authenticate(credential.strip())
        if token is None:
            raise AuthenticationError(401, _("The API token is malformed, unknown or revoked."))
        token.touch()
        return Actor(token=token, via="api", ip_address=ip)
    if request.user.is_authenticated:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            csrf_failure = check_csrf(request, lambda request: None)
            if csrf_failure:
                raise AuthenticationError(403, _("CSRF check failed; reload the page."))
        return Actor(user=request.user, via="api", ip_address=ip)
    return None


class RequireActor:
    """Ninja auth that lets in a valid token or signed-in user, and names the actor."""

    def __call__(self, request: HttpRequest) -> Actor | None:
        actor = _actor(request)
        if actor is not None:
            actors.set_current(actor)
        return actor


class OptionalActor(RequireActor):
    """For public endpoints: anyone gets in, but a bad token is still refused."""

    def __call__(self, request: HttpRequest) -> Actor:
        return super().__call__(request) or Actor(via="api", ip_address=actors.client_ip(request))


def actor_of(request: HttpRequest) -> Actor:
    return request.auth
