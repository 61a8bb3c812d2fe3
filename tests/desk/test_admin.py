import pytest
from django.contrib import admin

from glocal.desk import models

pytestmark = pytest.mark.django_db


def test_only_reference_data_is_in_djangos_admin():
    registered = {model for model in admin.site._registry if model._meta.app_label == "desk"}
    assert registered == {models.Topic, models.ReferralAgency}


def test_platform_superuser_sees_topics_but_no_case(client, superuser, make_case):
    case = make_case()
    client.force_login(superuser)
    assert client.get("/admin/desk/topic/").status_code == 200
    assert client.get("/admin/desk/referralagency/").status_code == 200
    for url in ("/admin/desk/case/", f"/admin/desk/case/{case.pk}/change/",
                "/admin/desk/resident/", "/admin/desk/message/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    topic = models.Topic.objects.get(code="medical")
    assert client.get(f"/admin/desk/topic/{topic.pk}/delete/").status_code == 403
    assert models.Topic.objects.filter(pk=topic.pk).exists()
