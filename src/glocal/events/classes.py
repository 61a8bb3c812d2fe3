"""Staff pages of a Japanese-class series: its weekly lessons, learners, volunteer teachers and
the attendance sheet of each lesson.

Learners and teachers are personal data: only the co-hosts see these pages (everyone else gets
a 404, as for a class that does not exist) and every page that lists them is written to the
audit log. Viewers of a co-host read; editors write, through the services.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glocal.events import access, forms, services
from glocal.events.models import Event, Kind
from glocal.orgs import audit
from glocal.orgs.models import AuditEvent, Role


def _series(request, event_id: int) -> Event:
    """A class series the actor hosts; any other event, or anyone else, gets a 404."""
    found = access.hosted(request.actor).filter(kind=Kind.JAPANESE_CLASS)
    return get_object_or_404(found.select_related("venue_local_government"), pk=event_id)


def _page(request, event: Event, status: int = 200, **posted):
    """The class page; `posted` holds a form sent back with its errors."""
    audit.write(event, AuditEvent.Action.READ, {"read": [None, "learners and teachers: listed"]})
    zone = ZoneInfo(event.timezone)
    lessons = event.sessions.annotate(present=Count("attendance"))
    context = {
        "nav": "events",
        "event": event,
        "zone": event.timezone,
        "can_edit": access.is_host(request.actor, event, Role.EDITOR),
        "lessons": [(s, timezone.localtime(s.starts_at, zone)) for s in lessons],
        "learners": event.learners.select_related("country"),
        "teachers": event.teachers.order_by("name", "id"),
        "lessons_form": posted.get("lessons_form") or forms.LessonsForm(),
        "learner_form": posted.get("learner_form") or forms.LearnerForm(),
        "teacher_form": posted.get("teacher_form") or forms.TeacherForm(),
    }
    return render(request, "events/class.html", context, status=status)


@login_required
def class_page(request, event_id: int):
    return _page(request, _series(request, event_id))


def _save(request, event: Event, form, name: str, save):
    """Run `save` with the form's data; on a refusal the page comes back with the form's
    errors (422) and nothing is written."""
    access.require_host(request.actor, event, Role.EDITOR)
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            forms.show_refusal(form, exc)
        else:
            return redirect("events:class", event.pk)
    return _page(request, event, status=422, **{name: form})


@login_required
@require_POST
def add_lessons(request, event_id: int):
    event = _series(request, event_id)

    def save(data):
        first = datetime.combine(data["first_date"], data["start_time"])  # the venue's time
        services.add_weekly_sessions(request.actor, event, first, data["weeks"], data["minutes"])

    return _save(request, event, forms.LessonsForm(request.POST), "lessons_form", save)


@login_required
@require_POST
def add_learner(request, event_id: int):
    event = _series(request, event_id)

    def save(data):
        services.add_learner(
            request.actor, event, data["pseudonym"], data["level"], data["country"]
        )

    return _save(request, event, forms.LearnerForm(request.POST), "learner_form", save)


@login_required
@require_POST
def add_teacher(request, event_id: int):
    event = _series(request, event_id)

    def save(data):
        services.add_teacher(
            request.actor,
            event,
            data["name"],
            data["email"],
            data["volunteer"],
            data["trained_on"],
        )

    return _save(request, event, forms.TeacherForm(request.POST), "teacher_form", save)


def _present_ids(values: list[str]) -> list[int] | None:
    """The learners ticked, or None when a value is not a learner's id at all."""
    if len(values) > 1000 or not all(v.isdigit() and len(v) < 10 for v in values):
        return None
    return [int(v) for v in values]


@login_required
def attendance(request, event_id: int, session_id: int):
    """One lesson's attendance sheet: a checkbox per learner, saved in one POST (all of it or,
    on bad input, nothing)."""
    event = _series(request, event_id)
    lesson = get_object_or_404(event.sessions, pk=session_id)
    lesson.event = event
    error, status = "", 200
    if request.method == "POST":
        access.require_host(request.actor, event, Role.EDITOR)
        present = _present_ids(request.POST.getlist("present"))
        try:
            if present is None:
                raise ValidationError({"learners": _("A learner given is not in this class.")})
            services.record_attendance(request.actor, lesson, present)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 422
        else:
            return redirect("events:lesson", event.pk, lesson.pk)
    audit.write(event, AuditEvent.Action.READ, {"read": [None, "learners: attendance sheet"]})
    ticked = set(lesson.attendance.values_list("learner_id", flat=True))
    context = {
        "nav": "events",
        "event": event,
        "lesson": lesson,
        "starts": timezone.localtime(lesson.starts_at, ZoneInfo(event.timezone)),
        "zone": event.timezone,
        "can_edit": access.is_host(request.actor, event, Role.EDITOR),
        "learners": [(learner, learner.pk in ticked) for learner in event.learners.all()],
        "present": len(ticked),
        "error": error,
    }
    return render(request, "events/lesson.html", context, status=status)
