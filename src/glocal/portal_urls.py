"""The resident portal at /residents/, assembled at the project level: notices' pages and feeds,
and delivery's subscription pages, under one namespace."""

from django.urls import path

from glocal.delivery import portal_views as subscriptions
from glocal.notices import feeds, portal_views

app_name = "portal"
urlpatterns = [
    path("", portal_views.start, name="start"),
    path("confirm/<str:token>/", subscriptions.confirm, name="confirm"),
    path("manage/<str:token>/", subscriptions.manage, name="manage"),
    path("unsubscribe/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
    path("cap.atom", feeds.CapIndexFeed(), name="cap_feed"),
    path("<str:language>/", portal_views.notices, name="notices"),
    path("<str:language>/notices/<int:notice_id>/", portal_views.notice, name="notice"),
    path("<str:language>/subscribe/", subscriptions.subscribe, name="subscribe"),
    path("<str:language>/feed.rss", feeds.NoticeFeed(), name="rss"),
    path("<str:language>/feed.atom", feeds.AtomNoticeFeed(), name="atom"),
]
