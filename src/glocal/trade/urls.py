from django.urls import path

from glocal.trade import staff

app_name = "trade"

urlpatterns = [
    path("", staff.index, name="index"),
    path("measures/new/", staff.measure_new, name="measure_new"),
    path("measures/<int:measure_id>/", staff.measure_detail, name="measure"),
    path(
        "measures/<int:measure_id>/versions/<int:number>/correct/",
        staff.version_correct,
        name="version_correct",
    ),
    path("exporters/new/", staff.exporter_edit, name="exporter_new"),
    path("exporters/<int:exporter_id>/", staff.exporter_detail, name="exporter"),
    path("exporters/<int:exporter_id>/edit/", staff.exporter_edit, name="exporter_edit"),
    path("exporters/<int:exporter_id>/delete/", staff.exporter_delete, name="exporter_delete"),
    path("projects/new/", staff.project_edit, name="project_new"),
    path("projects/<int:project_id>/", staff.project_detail, name="project"),
    path("projects/<int:project_id>/edit/", staff.project_edit, name="project_edit"),
]
