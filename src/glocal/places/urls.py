from django.urls import path

from glocal.places import views

app_name = "places"
urlpatterns = [
    path("", views.search, name="search"),
]
