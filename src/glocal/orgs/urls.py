from django.urls import path

from glocal.orgs import views

app_name = "orgs"
urlpatterns = [
    path("switch/", views.switch, name="switch"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tokens/", views.tokens, name="tokens"),
    path("<int:pk>/tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke-token"),
    path("<int:pk>/audit/", views.audit_log, name="audit"),
]
