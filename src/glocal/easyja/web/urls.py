from django.urls import path

from glocal.easyja.web import views

app_name = "easyja"
urlpatterns = [
    path("", views.panel, name="panel"),
]
