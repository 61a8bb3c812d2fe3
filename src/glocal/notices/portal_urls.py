from django.urls import path

from glocal.notices import portal_views

app_name = "portal"
urlpatterns = [
    path("", portal_views.start, name="start"),
    path("<str:language>/", portal_views.notices, name="notices"),
    path("<str:language>/notices/<int:notice_id>/", portal_views.notice, name="notice"),
]
