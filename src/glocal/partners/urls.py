from django.urls import path

from glocal.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.affiliation_list, name="list"),
    path("import/", views.import_file, name="import"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("requests/", views.staff_requests, name="requests"),
    path("<int:affiliation_id>/", views.affiliation_detail, name="detail"),
    path("export.csv", views.export, {"format": "csv"}, name="export_csv"),
    path("export.xlsx", views.export, {"format": "xlsx"}, name="export_xlsx"),
]
