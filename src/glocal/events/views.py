"""Pages: the public event page with its registration form (in the reader's language),
invitation and cancellation links, calendars; for staff the event list, the registrations, the
check-in page for a phone, the attendance list and name badges (PDF)."""

import base64
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glocal import languages
from glocal.events import access, calendars, forms, services, statistics, tickets, words
from glocal.events.models import Event, Kind, Registration
from glocal.orgs import audit, scoping, selection
from glocal.orgs.models import AuditEvent, Organisation, Role
from glocal.places import services as places


def _language(request, event: Event | None = None) -> str:
    try:
        return languages.normalise(request.GET.get("lang") or request.POST.get("language") or "ja")
    except languages.UnknownLanguage:
        return "ja"


def _public_context(event: Event, language: str) -> dict:
    zone = ZoneInfo(event.timezone)
    offered = [languages.get(tag) for tag in (event.languages or ["ja"])]
    return {
        "event": event,
        "title": event.title_in(language),
        "description": event.description_in(language),
        "starts": timezone.localtime(event.starts_at, zone),
        "ends": timezone.localtime(event.ends_at, zone),
        "language": languages.get(language),
        "offered": offered,
        "t": words.all_in(language),
        "questions": [
            q | {"text": q["label"].get(language) or q["label"].get("en") or q["label"]["ja"]}
            for q in event.questions
        ],
        "sessions": [
            (s, _session_title(s, language), timezone.localtime(s.starts_at, zone))
            for s in _choosable_sessions(event)
        ],
    }


def _session_title(session, language: str) -> str:
    return session.title.get(language) or session.title.get("ja", "")


def _choosable_sessions(event: Event):
    """The parts of a timetable registrants choose from; a class series' lessons are not."""
    if event.kind == Kind.JAPANESE_CLASS:
        return []
    return list(event.sessions.all()[:50])


def public_list(request):
    language = _language(request)
    found = Event.objects.filter(is_public=True, ends_at__gte=timezone.now()).order_by("starts_at")
    context = {"events": [(e, e.title_in(language)) for e in found[:200]]}
    context |= {"language": languages.get(language), "t": words.all_in(language)}
    return render(request, "events/public_list.html", context)


def _answers(event: Event, post) -> dict:
    answers = {}
    for question in event.questions:
        raw = post.get(f"q_{question['key']}", "").strip()
        if question["type"] == "yesno":
            answers[question["key"]] = {"yes": True, "no": False}.get(raw)
        else:
            answers[question["key"]] = raw[: services.MAX_ANSWER]
    return answers


def _ids(values) -> list[int]:
    return [int(v) for v in values if v.isdigit() and len(v) < 10]


def _register(request, event: Event, invitation=None):
    language = _language(request)
    context = _public_context(event, language) | {"invitation": invitation, "errors": {}}
    status = 200
    if request.method == "POST":
        country = None
        try:
            if request.POST.get("country"):
                country = places.country_by_code(request.POST["country"][:3])
        except Http404:
            country = None
        applicant = services.Applicant(
            name=request.POST.get("name", "")[:200],
            email=request.POST.get("email", "")[:254],
            language=language,
            answers=_answers(event, request.POST),
            organisation_name=request.POST.get("organisation", "")[:200],
            country=country,
            sessions=tuple(_ids(request.POST.getlist("session")[:50])),
        )
        try:
            registration = services.register(event, applicant, invitation)
        except ValidationError as exc:
            context["errors"] = exc.message_dict if hasattr(exc, "error_dict") else {}
            context["error"] = " ".join(exc.messages)
            context["posted"] = request.POST
            status = 422
        else:
            return _ticket_page(request, registration, context)
    return render(request, "events/register.html", context, status=status)


def _ticket_page(request, registration: Registration, context: dict):
    code = tickets.ticket_code(registration)
    confirmed = registration.status == Registration.Status.CONFIRMED
    context |= {
        "registration": registration,
        "status_text": words.get(f"status_{registration.status}", registration.language),
        "qr": base64.b64encode(tickets.qr_png(code)).decode() if confirmed else "",
        "cancel_code": tickets.cancel_code(registration),
    }
    return render(request, "events/ticket.html", context, status=201)


def event_page(request, event_id: int):
    event = get_object_or_404(Event.objects.filter(is_public=True), pk=event_id)
    return _register(request, event)


def invitation_page(request, code: str):
    try:
        invitation = services.registration_by_invitation(code)
    except PermissionDenied as exc:
        context = {"message": str(exc), "t": words.all_in(_language(request))}
        return render(request, "events/refused.html", context, status=403)
    return _register(request, invitation.event, invitation)


def cancel_page(request, code: str):
    language = _language(request)
    try:
        registration_id = tickets.read_cancel(code)
        registration = Registration.objects.select_related("event").get(pk=registration_id)
    except (tickets.BadCode, Registration.DoesNotExist):
        message = _("This cancellation link is not valid.")
        return render(request, "events/refused.html", {"message": message}, status=403)
    language = registration.language if "lang" not in request.GET else language
    context = _public_context(registration.event, language) | {"registration": registration}
    if request.method == "POST":
        try:
            registration = services.cancel(code)
        except (ValidationError, PermissionDenied) as exc:
            context["error"] = " ".join(getattr(exc, "messages", [str(exc)]))
            return render(request, "events/cancel.html", context, status=422)
        context["registration"] = registration
    context["status_text"] = words.get(f"status_{registration.status}", language)
    return render(request, "events/cancel.html", context)


def event_ics(request, event_id: int):
    event = get_object_or_404(access.visible(request.actor), pk=event_id)
    url = request.build_absolute_uri(f"/events/{event.pk}/")
    body = calendars.event_ics(event, _language(request), url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def feed(request, slug: str, language: str):
    """The public events of one organisation (as owner or co-host) as a calendar feed."""
    organisation = get_object_or_404(Organisation, slug=slug)
    try:
        language = languages.normalise(language)
    except languages.UnknownLanguage as exc:
        raise Http404(str(exc)) from exc
    found = Event.objects.filter(is_public=True).filter(owner=organisation) | Event.objects.filter(
        is_public=True, cohosts=organisation
    )
    body = calendars.feed_ics(
        found.distinct().order_by("starts_at")[:500],
        language,
        f"{organisation.name} – {words.get('events', language)}",
        lambda e: request.build_absolute_uri(f"/events/{e.pk}/?lang={language}"),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- staff ------------------------------------------------------------------------------------


def _hosted(request, event_id: int) -> Event:
    """Hosts only; everyone else gets a 404, as for an event that does not exist."""
    return get_object_or_404(access.hosted(request.actor), pk=event_id)


@login_required
def staff_list(request):
    membership = selection.active_membership(request)
    found = access.hosted(request.actor).order_by("-starts_at")
    if membership is not None:  # the organisation chosen with the switcher
        organisation = membership.organisation
        found = found.filter(Q(owner=organisation) | Q(cohosts=organisation)).distinct()
    return render(request, "events/staff_list.html", {"nav": "events", "events": found[:300]})


# The service names fields as the model does; the form has a field per language.
FORM_FIELD = {"title": "title_ja", "description": "description_ja"}


def _save_event(request, form, save, template_context: dict):
    """Run the service with what the form read; the service's refusals are shown on the form
    and nothing is written."""
    if form.is_valid():
        try:
            event = save(form.event_data())
        except ValidationError as exc:
            forms.show_refusal(form, exc, FORM_FIELD)
        else:
            return redirect("events:detail", event.pk)
    context = {"nav": "events", "form": form} | template_context
    return render(request, "events/event_form.html", context, status=422 if form.errors else 200)


@login_required
def staff_create(request):
    """A new event of the organisation chosen with the switcher (editors of it)."""
    membership = selection.active_membership(request)
    if membership is None:
        raise PermissionDenied(_("Choose the organisation you work for first."))
    scoping.require(request.actor, membership.organisation_id, Role.EDITOR)
    form = forms.EventForm(request.POST or None, initial={"waiting_list": True, "is_public": True})
    if request.method != "POST":
        return render(request, "events/event_form.html", {"nav": "events", "form": form})
    owner = membership.organisation_id
    return _save_event(
        request, form, lambda data: services.create_event(request.actor, owner, data), {}
    )


@login_required
def staff_edit(request, event_id: int):
    event = _hosted(request, event_id)
    access.require_host(request.actor, event, Role.EDITOR)
    form = forms.EventForm(request.POST or None, initial=forms.initial_of(event))
    context = {"event": event}
    if request.method != "POST":
        return render(request, "events/event_form.html", {"nav": "events", "form": form} | context)

    def save(data):
        # The form edits the Japanese labels of questions; keep their other languages.
        labels = {q["key"]: q["label"] for q in event.questions}
        for question in data["questions"]:
            question["label"] = labels.get(question["key"], {}) | question["label"]
        return services.update_event(request.actor, event, data)

    return _save_event(request, form, save, context)


def _detail(request, event: Event, session_form=None, status: int = 200):
    audit.write(event, AuditEvent.Action.READ, {"read": [None, "registrations: listed"]})
    registrations = event.registrations.select_related("country", "check_in")
    taken = Q(registrations__status=Registration.Status.CONFIRMED)
    context = {
        "nav": "events",
        "event": event,
        "registrations": registrations,
        "outcomes": statistics.outcomes(event),
        "zone": event.timezone,
        "is_class": event.kind == Kind.JAPANESE_CLASS,
        "sessions": event.sessions.annotate(taken=Count("registrations", filter=taken)),
        "can_edit": access.is_host(request.actor, event, Role.EDITOR),
        "session_form": session_form or forms.SessionForm(),
    }
    return render(request, "events/staff_detail.html", context, status=status)


@login_required
def staff_detail(request, event_id: int):
    return _detail(request, _hosted(request, event_id))


@login_required
@require_POST
def add_session(request, event_id: int):
    """A part of the timetable, typed in the venue's time; the service's refusals (a session
    outside the event's time, ending before it starts) come back on the form (422)."""
    event = _hosted(request, event_id)
    access.require_host(request.actor, event, Role.EDITOR)
    form = forms.SessionForm(request.POST)
    if form.is_valid():
        try:
            services.add_session(request.actor, event, **form.session_data())
        except ValidationError as exc:
            forms.show_refusal(form, exc, FORM_FIELD)
        else:
            return redirect(f"{reverse('events:detail', args=[event.pk])}#timetable")
    return _detail(request, event, form, status=422)


WORKER = Path(__file__).resolve().parent / "static" / "events" / "checkin-sw.js"


def checkin_worker(request):
    """The check-in page's service worker, a static file served under /staff/events/ because a
    worker may only control pages at or below its own path. It holds nothing personal, so it
    needs no login (the browser fetches it again to look for updates)."""
    response = HttpResponse(WORKER.read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@login_required
def checkin_page(request, event_id: int):
    event = _hosted(request, event_id)
    return render(request, "events/checkin.html", {"nav": "events", "event": event})


# Given to WeasyPrint apart from the HTML, so that the templates carry no inline style (the
# Content-Security-Policy test reads every template).
PDF_STYLE = """
@page { size: A4; margin: 10mm 10mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
body { font-family: "Noto Sans CJK JP", "IPAexGothic", sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: 3pt 5pt; text-align: left; }
td:last-child, th:last-child { width: 22%; }  /* room to sign */
.badge { display: inline-block; width: 90mm; height: 55mm; border: 1px dashed #999; margin: 1mm;
  padding: 4mm; box-sizing: border-box; vertical-align: top; page-break-inside: avoid; }
.badge .name { font-size: 16pt; font-weight: bold; }
.badge img { float: right; width: 22mm; }
"""


def _pdf(html: str, name: str) -> HttpResponse:
    from weasyprint import CSS, HTML

    document = HTML(string=html).write_pdf(stylesheets=[CSS(string=PDF_STYLE)])
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def attendance_pdf(request, event_id: int):
    event = _hosted(request, event_id)
    audit.write(event, AuditEvent.Action.READ, {"read": [None, "registrations: attendance list"]})
    found = event.registrations.filter(status=Registration.Status.CONFIRMED)
    rows = found.select_related("country", "check_in").order_by("name")
    html = render_to_string("events/attendance_pdf.html", {"event": event, "rows": rows})
    return _pdf(html, f"attendance-{event.pk}.pdf")


@login_required
def badges_pdf(request, event_id: int):
    event = _hosted(request, event_id)
    audit.write(event, AuditEvent.Action.READ, {"read": [None, "registrations: name badges"]})
    found = event.registrations.filter(status=Registration.Status.CONFIRMED).order_by("name")
    badges = [
        (r, base64.b64encode(tickets.qr_png(tickets.ticket_code(r), scale=3)).decode())
        for r in found.select_related("country")
    ]
    html = render_to_string("events/badges_pdf.html", {"event": event, "badges": badges})
    return _pdf(html, f"badges-{event.pk}.pdf")
