from django.urls import path

from glocal.network import mailing_views, views

app_name = "network"
urlpatterns = [
    path("", views.contact_list, name="list"),
    path("new/", views.contact_form, name="create"),
    path("<int:contact_id>/", views.contact_detail, name="detail"),
    path("<int:contact_id>/edit/", views.contact_form, name="edit"),
    path("<int:contact_id>/consent/", views.consent, {"action": "record"}, name="consent"),
    path("<int:contact_id>/withdraw/", views.consent, {"action": "withdraw"}, name="withdraw"),
    path("<int:contact_id>/groups/", views.join_group, name="join_group"),
    path("import/", views.import_file, name="import"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/merge/", views.merge, name="merge"),
    path("statistics/", views.statistics, name="statistics"),
    path("mailings/", mailing_views.mailing_list, name="mailings"),
    path("mailings/new/", mailing_views.compose, name="compose"),
    path("mailings/<int:mailing_id>/", mailing_views.mailing_detail, name="mailing"),
    path("mailings/<int:mailing_id>/send/", mailing_views.send, name="send"),
    path("groups/<int:group_id>/", mailing_views.group_detail, name="group"),
    path(
        "groups/<int:group_id>/members/<int:contact_id>/remove/",
        mailing_views.remove_member,
        name="remove_member",
    ),
    path("export.csv", views.export, {"format": "csv"}, name="export_csv"),
    path("export.xlsx", views.export, {"format": "xlsx"}, name="export_xlsx"),
]
