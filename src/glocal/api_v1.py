"""The HTTP API at /api/v1/, assembled at the project level from each app's router (the `api`
package holds only what every app shares, and imports none of them)."""

from glocal.api import site
from glocal.desk.api import router as desk
from glocal.easyja.web.api import router as easyja
from glocal.events.api import router as events
from glocal.markets.api import router as markets
from glocal.network.api import router as network
from glocal.notices.api import router as notices
from glocal.orgs.api import router as orgs
from glocal.partners.api import router as partners
from glocal.places.api import router as places
from glocal.plans.api import router as plans
from glocal.trade.api import router as trade

api = site.build(
    "1",
    [
        ("/places", places),
        ("/easyja", easyja),
        ("", notices),
        ("", partners),
        ("", plans),
        ("", trade),
        ("", markets),
        ("", orgs),
        ("", desk),
        ("", events),
        ("", network),
    ],
)
urlpatterns = site.urlpatterns(api)
