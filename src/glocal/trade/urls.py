from django.urls import path

from glocal.trade import views

app_name = "trade"

urlpatterns = [
    path("", views.staff_index, name="index"),
    path("exporters/<int:exporter_id>/", views.staff_exporter, name="exporter"),
]
