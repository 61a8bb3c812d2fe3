"""The public form "Ask the consultation desk", in every content language, with no account.

Spam is held off without third-party services: a honeypot field people never see, and a limit
of messages per address and hour (`DESK_FORM_PER_HOUR`). Over-long messages and floods get a
clear message in the reader's language, never an error page.
"""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from glocal import languages
from glocal.core.portal import content_language, page_context
from glocal.desk import portal, services
from glocal.desk.models import DeskMember, Topic
from glocal.orgs.actors import client_ip
from glocal.orgs.models import Organisation

MAX_MESSAGE = 4000


def start(request):
    return redirect("desk_ask", language=languages.JAPANESE)


def _desks():
    ids = DeskMember.objects.values_list("organisation_id", flat=True)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def _topics(language):
    return [(t.code, portal.topic_name(t, language)) for t in Topic.objects.filter(owner=None)]


def _context(request, language):
    context = page_context(request, language, route="desk_ask")
    context.update(
        d=portal.words(language.tag),
        desks=[(o, o.name if language.is_japanese else (o.name_en or o.name)) for o in _desks()],
        topics=_topics(language),
        max_message=MAX_MESSAGE,
    )
    return context


def _problem(request, context, key: str, status: int, **params):
    words = context["d"]
    context.update(problem=words[key] % params if params else words[key], posted=request.POST)
    return render(request, "desk/ask.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request, language: str):
    language = content_language(language)
    context = _context(request, language)
    if request.method != "POST":
        return render(request, "desk/ask.html", context)
    if request.POST.get("website"):  # the honeypot: a person never sees this field
        context["done"] = context["d"]["thanks"] % {"number": "—"}
        return render(request, "desk/ask.html", context)
    message = request.POST.get("message", "").strip()
    if not message:
        return _problem(request, context, "missing", 400)
    if len(message) > MAX_MESSAGE:
        return _problem(request, context, "too_long", 400, limit=MAX_MESSAGE)
    desk = next((o for o, _n in context["desks"] if str(o.pk) == request.POST.get("desk")), None)
    topic = Topic.objects.filter(owner=None, code=request.POST.get("topic", "")).first()
    if desk is None or topic is None:
        return _problem(request, context, "missing", 400)
    contact = services.ResidentValues(
        name=request.POST.get("name", "")[:200].strip(),
        email=request.POST.get("email", "")[:254].strip(),
        phone=request.POST.get("phone", "")[:40].strip(),
    )
    try:
        contact.check()
        case = services.receive_public_request(
            desk, topic, language.tag, message, contact, client_ip(request) or ""
        )
    except services.Flooded:
        return _problem(request, context, "flooded", 429)
    except services.ValidationError:  # kept for the desk to read, never written to
        contact.notes, contact.email = f"unchecked address: {contact.email}", ""
        case = services.receive_public_request(
            desk, topic, language.tag, message, contact, client_ip(request) or ""
        )
    context["done"] = context["d"]["thanks"] % {"number": case.pk}
    return render(request, "desk/ask.html", context)
