"""The HTTP API at /api/v1/: one NinjaAPI with each app's router."""

from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext as _
from ninja.renderers import JSONRenderer

from glocal.api import errors
from glocal.api.openapi import GlocalAPI
from glocal.desk.api import router as desk_router
from glocal.easyja.web.api import router as easyja_router
from glocal.events.api import router as events_router
from glocal.markets.api import router as markets_router
from glocal.network.api import router as network_router
from glocal.notices.api import router as notices_router
from glocal.orgs.api import router as orgs_router
from glocal.partners.api import router as partners_router
from glocal.places.api import router as places_router
from glocal.plans.api import router as plans_router
from glocal.trade.api import router as trade_router


class UnicodeJSONRenderer(JSONRenderer):
    """Japanese names as characters, not \\u escapes: readable in logs and curl."""

    json_dumps_params = {"ensure_ascii": False}


api = GlocalAPI(
    renderer=UnicodeJSONRenderer(),
    title="Glocal API",
    version="1",
    description=(
        "International affairs of Japanese local governments. Reference data and public records "
        "need no login; everything else takes a session or an organisation's API token "
        '(`Authorization: Bearer glc_…`). Lists are `{"items": [...], "count": N}` with '
        '`limit` and `offset`. Errors are `{"error": {"status", "code", "message", '
        '"fields"}}`.'
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)
errors.install(api)
api.add_router("/places", places_router)
api.add_router("/easyja", easyja_router)
api.add_router("", notices_router)
api.add_router("", partners_router)
api.add_router("", plans_router)
api.add_router("", trade_router)
api.add_router("", markets_router)
api.add_router("", orgs_router)
api.add_router("", desk_router)
api.add_router("", events_router)
api.add_router("", network_router)


def unknown_endpoint(request: HttpRequest, rest: str = ""):
    return errors.error_response(
        404, _("There is no API endpoint at %(path)s.") % {"path": request.path}
    )


urlpatterns = [
    path("", api.urls),
    path("<path:rest>", unknown_endpoint),
]
