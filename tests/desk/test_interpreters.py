from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from glocal.desk import services
from glocal.desk.models import Appointment
from glocal.orgs.actors import Actor

pytestmark = pytest.mark.django_db


def _at(hour, minute=0):
    return timezone.make_aware(datetime(2025, 6, 2, hour, minute))


def test_double_booking_is_refused(make_case, counsellor, home_org):
    actor = Actor(user=counsellor)
    interpreter = services.add_interpreter(actor, home_org, "Le Thi B", ["vi"], "月・水")
    first, second = make_case(), make_case()
    services.book_interpreter(actor, first, interpreter, _at(10), _at(11))
    with pytest.raises(ValidationError, match="Le Thi B"):
        services.book_interpreter(actor, second, interpreter, _at(10, 30), _at(11, 30))
    services.book_interpreter(actor, second, interpreter, _at(11), _at(12))  # back to back
    assert Appointment.objects.count() == 2


def test_outsider_cannot_book(make_case, counsellor, outsider, home_org):
    interpreter = services.add_interpreter(Actor(user=counsellor), home_org, "B", ["vi"])
    with pytest.raises(PermissionDenied):
        services.book_interpreter(Actor(user=outsider), make_case(), interpreter, _at(9), _at(10))
    assert Appointment.objects.count() == 0
