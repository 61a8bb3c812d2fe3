from django.urls import path

from glocal.desk import views

app_name = "desk"
urlpatterns = [
    path("", views.case_list, name="cases"),
    path("new/", views.case_new, name="new"),
    path("<int:case_id>/", views.case_detail, name="case"),
    path("<int:case_id>/resident/", views.resident, name="resident"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics.xlsx", views.statistics_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("statistics.csv", views.statistics_export, {"fmt": "csv"}, name="export_csv"),
]
