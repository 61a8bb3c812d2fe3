"""The staff pages of a Japanese-class series: weekly lessons, learners, teachers and the
attendance sheet. Personal data: co-hosts only, reads audited, writes for editors."""

from datetime import date, timedelta

import pytest

from glocal.events import services
from glocal.events.models import Attendance, Learner, Session, Teacher
from glocal.orgs.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(make_event, editor, actor_for):
    """A class series over a term, with two learners and one lesson."""
    event = make_event(kind="japanese_class", title={"ja": "にほんご教室"}, capacity=None)
    event.ends_at = event.starts_at + timedelta(weeks=20)
    event.save()
    actor = actor_for(editor)
    services.add_learner(actor, event, "Hoa", "beginner")
    services.add_learner(actor, event, "Lucas", "elementary")
    services.add_weekly_sessions(actor, event, event.starts_at, 1, 90)
    return event


def class_url(event) -> str:
    return f"/staff/events/{event.pk}/class/"


def lesson_url(event) -> str:
    return f"{class_url(event)}lessons/{event.sessions.get().pk}/"


def test_the_event_page_links_the_class_page(client, series, editor):
    client.force_login(editor)
    page = client.get(f"/staff/events/{series.pk}/").content.decode()
    assert f'href="{class_url(series)}"' in page
    assert 'id="timetable"' not in page  # a class has lessons, not a timetable


def test_editor_adds_a_term_of_lessons_learners_and_teachers(client, series, editor):
    client.force_login(editor)
    start = series.starts_at.astimezone(series.starts_at.tzinfo).date() + timedelta(days=7)
    done = client.post(
        f"{class_url(series)}lessons/",
        {"first_date": start.isoformat(), "start_time": "19:00", "weeks": "3", "minutes": "90"},
    )
    assert done.status_code == 302
    added = list(Session.objects.filter(event=series).order_by("starts_at")[1:])
    # 19:00 in Tokyo (UTC+9) is 10:00 UTC, one week apart.
    assert [(s.starts_at.date(), s.starts_at.hour) for s in added] == [
        (start + timedelta(weeks=n), 10) for n in range(3)
    ]
    assert (
        client.post(
            f"{class_url(series)}learners/",
            {"pseudonym": "Minh", "level": "advanced", "country": "VN"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{class_url(series)}teachers/",
            {"name": "佐藤 ボランティア", "volunteer": "on", "trained_on": "2026-04-12"},
        ).status_code
        == 302
    )
    page = client.get(class_url(series)).content.decode()
    for text in ("Minh", "上級", "佐藤 ボランティア", "2026-04-12", "第1回"):
        assert text in page
    assert Teacher.objects.get().trained_on == date(2026, 4, 12)


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("lessons/", {"first_date": "2030-01-01", "start_time": "19:00", "weeks": "200",
                      "minutes": "90"}, "104"),
        ("learners/", {"pseudonym": "Hoa", "level": "beginner"}, "同じ名前"),
        ("learners/", {"pseudonym": "X", "level": "native"}, 'class="errorlist'),
        ("teachers/", {"name": "A", "email": "not-an-address"}, 'class="errorlist'),
        ("teachers/", {"name": "A", "trained_on": "2999-01-01"}, "未来"),
    ],
)  # fmt: skip
def test_bad_input_is_shown_and_nothing_written(client, series, editor, path, body, message):
    client.force_login(editor)
    before = (Session.objects.count(), Learner.objects.count(), Teacher.objects.count())
    page = client.post(f"{class_url(series)}{path}", body)
    assert page.status_code == 422
    assert message in page.content.decode()
    after = (Session.objects.count(), Learner.objects.count(), Teacher.objects.count())
    assert after == before


def test_attendance_is_saved_in_one_post(client, series, editor):
    hoa, lucas = series.learners.order_by("pseudonym")
    client.force_login(editor)
    sheet = client.get(lesson_url(series)).content.decode()
    assert f'name="present" value="{hoa.pk}"' in sheet
    assert client.post(lesson_url(series), {"present": [hoa.pk, lucas.pk]}).status_code == 302
    assert client.post(lesson_url(series), {"present": [lucas.pk]}).status_code == 302
    assert list(Attendance.objects.values_list("learner__pseudonym", flat=True)) == ["Lucas"]
    sheet = client.get(lesson_url(series)).content.decode()
    assert f'value="{lucas.pk}" id="present-{lucas.pk}" checked' in sheet
    assert f'value="{hoa.pk}" id="present-{hoa.pk}" checked' not in sheet
    assert "1 / 2" in client.get(class_url(series)).content.decode()
    lesson = series.sessions.get()
    logged = AuditEvent.objects.filter(model="events.Session", object_id=str(lesson.pk))
    assert [e.changes for e in logged.filter(action="update").order_by("pk")] == [
        {"attendance": [[], sorted([hoa.pk, lucas.pk])]},
        {"attendance": [sorted([hoa.pk, lucas.pk]), [lucas.pk]]},
    ]  # who was present, by id, and by whom
    assert logged.filter(action="create").count() == 1  # the lesson itself, added in bulk
    assert set(logged.values_list("actor", flat=True)) == {editor.username}


@pytest.mark.parametrize("bad", ["abc", "99999", "-1"])
def test_bad_attendance_writes_nothing(client, series, editor, make_event, actor_for, bad):
    hoa, lucas = series.learners.order_by("pseudonym")
    services.record_attendance(actor_for(editor), series.sessions.get(), [lucas.pk])
    client.force_login(editor)
    refused = client.post(lesson_url(series), {"present": [hoa.pk, bad]})
    assert refused.status_code == 422
    assert 'role="alert"' in refused.content.decode()
    assert list(Attendance.objects.values_list("learner_id", flat=True)) == [lucas.pk]


def test_a_learner_of_another_class_is_refused(client, series, editor, make_event, actor_for):
    other = make_event(kind="japanese_class")
    stranger = services.add_learner(actor_for(editor), other, "Stranger", "beginner")
    client.force_login(editor)
    assert client.post(lesson_url(series), {"present": [stranger.pk]}).status_code == 422
    assert not Attendance.objects.exists()


def test_viewer_reads_but_does_not_write(client, series, member):
    client.force_login(member)
    page = client.get(class_url(series)).content.decode()
    assert "Hoa" in page
    assert "learners/" not in page  # no forms for a viewer
    assert 'name="present"' in client.get(lesson_url(series)).content.decode()
    writes = [
        ("lessons/", {"first_date": "2030-01-01", "start_time": "19:00", "weeks": "1",
                      "minutes": "90"}),
        ("learners/", {"pseudonym": "Minh", "level": "beginner"}),
        ("teachers/", {"name": "A"}),
    ]  # fmt: skip
    for path, body in writes:
        assert client.post(f"{class_url(series)}{path}", body).status_code == 403
    hoa = series.learners.get(pseudonym="Hoa")
    assert client.post(lesson_url(series), {"present": [hoa.pk]}).status_code == 403
    assert (Learner.objects.count(), Teacher.objects.count(), Attendance.objects.count()) == (
        2,
        0,
        0,
    )


def test_others_get_a_404_and_anonymous_the_login(client, series, outsider, django_user_model):
    paths = [class_url(series), lesson_url(series)]
    for path in paths:
        assert client.get(path).status_code == 302
        assert "/login/" in client.get(path)["Location"]
    nobody = django_user_model.objects.create_user(username="nobody", password="x-y-z-w-v")
    for user in (outsider, nobody):
        client.force_login(user)
        for path in paths:
            assert client.get(path).status_code == 404
        assert client.post(f"{class_url(series)}learners/", {"pseudonym": "Z", "level": "beginner"}
                           ).status_code == 404  # fmt: skip
    assert Learner.objects.count() == 2


def test_reads_are_audited_and_other_kinds_have_no_class_page(client, series, owner, make_event):
    client.force_login(owner)
    client.get(class_url(series))
    client.get(lesson_url(series))
    reads = AuditEvent.objects.filter(action=AuditEvent.Action.READ, object_id=str(series.pk))
    assert reads.count() == 2
    seminar = make_event()
    assert client.get(class_url(seminar)).status_code == 404
