from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from glocal.desk import services
from glocal.desk.models import DeskMember, Topic
from glocal.orgs.actors import Actor
from glocal.orgs.models import Membership, Role


@pytest.fixture
def counsellor(django_user_model, home_org):
    """A viewer of the home organisation who works at its desk."""
    user = django_user_model.objects.create_user("counsellor", password="correct-horse-battery")
    Membership.objects.create(user=user, organisation=home_org, role=Role.VIEWER)
    DeskMember.objects.create(user=user, organisation=home_org, role=DeskMember.Role.ADMIN)
    return user


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.jp", "correct-horse-x")


@pytest.fixture
def make_case(home_org, counsellor):
    def make(when=datetime(2025, 5, 10, 10), language="vi", topics=("medical",), resident=True,
             **extra):  # fmt: skip
        values = services.CaseValues(
            received_at=timezone.make_aware(when),
            channel="phone",
            language=language,
            topics=[Topic.objects.get(owner=None, code=code) for code in topics],
            summary="相談者は田中さん",
            **extra,
        )
        details = services.ResidentValues(name="Nguyen Van A", email="a@example.vn")
        return services.open_case(
            Actor(user=counsellor), home_org, values, details if resident else None
        )

    return make
