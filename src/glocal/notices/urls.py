from django.urls import path

from glocal.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.notice_new, name="new"),
    path("phrases/", views.phrase_library, name="phrases"),
    path("policy/", views.policy, name="policy"),
    path("subscribers/remove/", views.remove_subscriber, name="remove_subscriber"),
    path("<int:notice_id>/revise/", views.notice_revise, name="revise"),
    path("<int:notice_id>/deliveries/", views.notice_deliveries, name="deliveries"),
    path("<int:notice_id>/", views.notice_detail, name="detail"),
    *(
        path(f"<int:notice_id>/{action}/", views.notice_action, {"action": action}, name=action)
        for action in ("approve", "publish", "cancel")
    ),
]
