from django.urls import path

from glocal.trade import feeds, views

urlpatterns = [
    path("", views.public_matrix, name="public_trade"),
    path("measures/<int:measure_id>/", views.public_measure, name="public_trade_measure"),
    path("feed/", feeds.ChangesFeed(), name="public_trade_feed"),
]

urlpatterns += [
    path("alerts/", views.public_subscribe, name="public_trade_subscribe"),
    path("alerts/confirm/<str:token>/", views.public_confirm, name="public_trade_confirm"),
    path("alerts/leave/<str:token>/", views.public_leave, name="public_trade_leave"),
]
