from django.urls import path

from glocal.network import views

app_name = "network"
urlpatterns = [
    path("", views.contact_list, name="list"),
    path("<int:contact_id>/", views.contact_detail, name="detail"),
    path("import/", views.import_file, name="import"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("statistics/", views.statistics, name="statistics"),
    path("mailings/", views.mailing_list, name="mailings"),
    path("mailings/<int:mailing_id>/send/", views.send, name="send"),
    path("export.csv", views.export, {"format": "csv"}, name="export_csv"),
    path("export.xlsx", views.export, {"format": "xlsx"}, name="export_xlsx"),
]
