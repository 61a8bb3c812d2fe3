from django.urls import path

from glocal.desk import setup_views, views

app_name = "desk"
urlpatterns = [
    path("", views.case_list, name="cases"),
    path("new/", views.case_new, name="new"),
    path("<int:case_id>/", views.case_detail, name="case"),
    path("<int:case_id>/edit/", views.case_edit, name="edit"),
    path("<int:case_id>/resident/", views.resident, name="resident"),
    path("roster/", setup_views.roster, name="roster"),
    path("support/", setup_views.support, name="support"),
    path("topics/", setup_views.topics, name="topics"),
    path("agencies/", setup_views.agencies, name="agencies"),
    path("answers/", setup_views.answers, name="answers"),
    path("interpreters/", setup_views.interpreters, name="interpreters"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics.xlsx", views.statistics_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("statistics.csv", views.statistics_export, {"fmt": "csv"}, name="export_csv"),
]
