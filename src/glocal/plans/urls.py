from django.urls import path

from glocal.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/indicators/<int:indicator_id>/", views.indicator_detail, name="indicator"),
    path("<int:plan_id>/actuals/<int:fy>/", views.enter_actuals, name="actuals"),
    path("<int:plan_id>/actuals/import/", views.import_actuals, name="import_actuals"),
    path("<int:plan_id>/review/<int:fy>/", views.review, name="review"),
    path("<int:plan_id>/lock/<int:fy>/", views.lock, name="lock"),
    path("<int:plan_id>/publish/", views.publish, name="publish"),
    path("<int:plan_id>/recompute/<int:fy>/", views.recompute, name="recompute"),
    path("<int:plan_id>/report-FY<int:fy>.<str:format>", views.report_file, name="report"),
    path("<int:plan_id>/export.<str:format>", views.export, name="export"),
]
