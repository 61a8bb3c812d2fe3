from django.urls import path

from glocal.markets import views

app_name = "markets"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("weights/", views.weights, name="weights"),
    path("focus/", views.focus_markets, name="focus"),
    path("import/", views.import_file, name="import"),
    path("countries/<str:code>/", views.country, name="country"),
    path("countries/<str:code>.xlsx", views.country_xlsx, name="country_xlsx"),
]
