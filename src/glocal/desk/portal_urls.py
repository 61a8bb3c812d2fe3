from django.urls import path

from glocal.desk import portal_views

# No namespace: `portal_desk_start` is the public link the home page lists.
urlpatterns = [
    path("", portal_views.start, name="portal_desk_start"),
    path("<str:language>/", portal_views.ask, name="desk_ask"),
]
