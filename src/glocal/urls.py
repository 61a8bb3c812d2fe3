from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from glocal.core import auth as core_auth
from glocal.core import views as core_views
from glocal.events import urls as event_urls
from glocal.markets import views as market_views
from glocal.network import views as network_views
from glocal.partners import views as partner_views
from glocal.plans import views as plan_views

public = ([path("", core_views.home, name="home")], "public")

urlpatterns = [
    # First: the API answers phones at the door and other machines at a steady rate, and
    # Django tries the patterns in order (the prefixes do not overlap, so order is free).
    path("api/v1/", include("glocal.api_v1")),
    path("", include(public)),
    path("places/", include("glocal.places.urls")),
    path("residents/desk/", include("glocal.desk.portal_urls")),
    path("residents/", include("glocal.portal_urls")),
    path("partners/", partner_views.public_list, name="public_partners"),
    path("partners/requests/", partner_views.public_requests, name="public_partner_requests"),
    path("plans/", plan_views.public_list, name="public_plans"),
    path("network/unsubscribe/<str:token>/", network_views.unsubscribe, name="network_unsubscribe"),
    path("plans/<int:plan_id>/", plan_views.dashboard, name="plan_dashboard"),
    path("trade/", include("glocal.trade.public_urls")),
    path("events/", include(event_urls.public)),
    path("markets/", market_views.public_index, name="public_markets"),
    path("markets/<slug:slug>/", market_views.public_overview, name="public_market_overview"),
    path(
        "markets/<slug:slug>/countries/<str:code>/",
        market_views.public_country,
        name="public_market_country",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    # Ahead of Django's own: a new password set through the e-mailed link also ends a lockout.
    path(
        "accounts/reset/<uidb64>/<token>/",
        core_auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    # Ahead of Django's own: reset mails are limited per address and client address.
    path(
        "accounts/password_reset/",
        core_auth.PasswordResetView.as_view(),
        name="password_reset",
    ),
    # Ahead of Django's own: logging out clears what the browser keeps for the site.
    path("accounts/logout/", core_auth.LogoutView.as_view(), name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("staff/", include("glocal.core.urls")),
    path("staff/orgs/", include("glocal.orgs.urls")),
    path("staff/easyja/", include("glocal.easyja.web.urls")),
    path("staff/notices/", include("glocal.notices.urls")),
    path("staff/partners/", include("glocal.partners.urls")),
    path("staff/plans/", include("glocal.plans.urls")),
    path("staff/trade/", include("glocal.trade.urls")),
    path("staff/desk/", include("glocal.desk.urls")),
    path("staff/events/", include("glocal.events.urls")),
    path("staff/markets/", include("glocal.markets.urls")),
    path("staff/network/", include("glocal.network.urls")),
    # The admin's login page links "forgotten your password?" when this name exists.
    path(
        "admin/password_reset/",
        core_auth.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path("admin/", admin.site.urls),
]
