"""Subscribing on the resident portal, in the reader's language, with no account."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from glocal import languages
from glocal.core import portal
from glocal.core.portal import content_language, page_context, place_name, place_names
from glocal.core.registry import subscription_topics
from glocal.delivery import subscriptions, tasks
from glocal.orgs.actors import client_ip
from glocal.orgs.models import Organisation
from glocal.places.models import LocalGovernment


def _publishers(prefecture):
    """Organisations of this prefecture and its municipalities: whom one can subscribe to. The
    one that issues notices for the whole prefecture, its government, comes first and is the
    form's default; then the others of the prefecture itself; then the municipalities'."""
    places = LocalGovernment.objects.filter(pk=prefecture.pk) | LocalGovernment.objects.filter(
        prefecture=prefecture
    )
    found = Organisation.objects.filter(local_government__in=places).select_related(
        "local_government"
    )

    def rank(organisation):
        own = organisation.local_government_id == prefecture.pk
        government = organisation.kind == Organisation.Kind.PREFECTURE
        return (
            not (own and government),
            not own,
            organisation.local_government.code,
            organisation.name,
        )

    return sorted(found, key=rank)


def _choices(language, prefecture, words):
    municipalities = (
        LocalGovernment.objects.municipalities().current().filter(prefecture=prefecture)
        if prefecture
        else LocalGovernment.objects.none()
    )
    return {
        "prefectures": [
            (p, place_name(p, language))
            for p in LocalGovernment.objects.prefectures().order_by("code")
        ],
        "municipalities": place_names(municipalities.order_by("code"), language),
        "categories": [(c, words[f"category_{c}"]) for c in subscription_topics()],
        "publishers": [
            (o, o.name if language.is_japanese else (o.name_en or o.name))
            for o in (_publishers(prefecture) if prefecture else [])
        ],
    }


def subscribe(request, language: str):
    language = content_language(language)
    context = page_context(request, language, route="portal:subscribe")
    words = context["t"]
    source = request.POST if request.method == "POST" else request.GET
    prefecture = LocalGovernment.objects.prefectures().filter(code=source.get("area", "")).first()
    context.update(_choices(language, prefecture, words), prefecture=prefecture)
    if request.method != "POST":
        return render(request, "delivery/subscribe.html", context)
    owner = next(
        (o for o, _ in context["publishers"] if str(o.pk) == request.POST.get("organisation")),
        None,
    )
    codes = set(request.POST.getlist("municipalities"))
    municipalities = [m for m, _ in context["municipalities"] if m.code in codes]
    categories = [c for c in request.POST.getlist("categories") if c in subscription_topics()]
    email = request.POST.get("email", "")
    try:
        if owner is None or prefecture is None:
            raise subscriptions.InvalidSubscription("choose_area_first")
        choices = subscriptions.Choices.of(language.tag, prefecture, municipalities, categories)
        subscriber, token = subscriptions.subscribe(owner, email, choices, client_ip(request))
    except subscriptions.InvalidSubscription as problem:
        context.update(problem=words[problem.key], email=email)
        return render(request, "delivery/subscribe.html", context, status=422)
    if token:  # else over the limit: the same page, so that it tells nothing
        transaction.on_commit(lambda: tasks.send_confirmation.enqueue(subscriber.pk, token))
    context["done"] = words["check_your_email"] % {"email": email}
    return render(request, "delivery/subscribe.html", context)


def _message_page(request, tag: str, key: str, status: int = 200, **params):
    """A page saying one thing to the resident in their language (portal word `key`)."""
    language = languages.get(tag)
    context = page_context(request, language)
    context["message"] = context["t"][key] % params if params else context["t"][key]
    return render(request, "delivery/message.html", context, status=status)


def _organisation_name(organisation, language) -> str:
    if language.is_japanese:
        return organisation.name
    return organisation.name_en or organisation.name


def _area(language, prefecture, municipalities) -> str:
    area = ", ".join(name for _m, name in place_names(municipalities, language))
    return area or place_name(prefecture, language)


def _button_page(request, tag: str, question: str, button: str):
    """A question and one button that posts to this same address: following a link (as mail
    scanners do) never confirms, changes or deletes anything."""
    language = languages.get(tag)
    context = page_context(request, language)
    context.update(question=question, button=button)
    response = render(request, "delivery/button.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    if request.method != "POST":
        return _confirm_question(request, token)
    subscriber, outcome = subscriptions.confirm(token)
    if subscriber is None:
        return _message_page(request, languages.JAPANESE, "link_invalid", status=404)
    if outcome == "unchanged":
        return _message_page(request, subscriber.language, "already_confirmed")
    if outcome == "changed":
        return _message_page(request, subscriber.language, "saved")
    language = languages.get(subscriber.language)
    area = _area(language, subscriber.prefecture, subscriber.municipalities.all())
    return _message_page(request, subscriber.language, "confirmed", area=area)


def _confirm_question(request, token: str):
    """What the link would put in force, in the language it asks for, and one button."""
    pending = subscriptions.pending_for(token)
    if pending is None:
        return _message_page(request, languages.JAPANESE, "link_invalid", status=404)
    choices = pending.choices
    language = languages.get(choices.language)
    words = portal.words(language.tag)
    prefecture = LocalGovernment.objects.filter(pk=choices.prefecture_id).first()
    if prefecture is None:
        return _message_page(request, language.tag, "link_invalid", status=404)
    kinds = ", ".join(
        words[f"category_{c}"] for c in choices.categories if c in subscription_topics()
    )
    question = words["confirm_question"] % {
        "organisation": _organisation_name(pending.subscriber.owner, language),
        "area": _area(language, prefecture, choices.municipalities().order_by("code")),
        "categories": kinds or words["all_categories"],
    }
    return _button_page(request, language.tag, question, words["confirm_button"])


def manage(request, token: str):
    subscriber = subscriptions.subscriber_for(token)
    if subscriber is None:
        return _message_page(request, languages.JAPANESE, "link_invalid", status=404)
    if request.method == "POST":
        chosen = request.POST.get("language", subscriber.language)
        if chosen not in languages.TAGS:
            chosen = subscriber.language
        codes = set(request.POST.getlist("municipalities"))
        municipalities = LocalGovernment.objects.filter(
            prefecture=subscriber.prefecture, code__in=codes
        )
        categories = [c for c in request.POST.getlist("categories") if c in subscription_topics()]
        subscriptions.change(subscriber, chosen, municipalities, categories)
    language = languages.get(subscriber.language)
    context = page_context(request, language)
    context.update(
        _choices(language, subscriber.prefecture, context["t"]),
        token=token,
        subscriber=subscriber,
        done=context["t"]["saved"] if request.method == "POST" else "",
        chosen_municipalities={m.code for m in subscriber.municipalities.all()},
        chosen_categories=set(subscriber.categories),
        all_languages=languages.CONTENT_LANGUAGES,
    )
    return render(request, "delivery/manage.html", context)


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without our form
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET and HEAD (mail scanners follow links) only ask; any POST deletes: the page's button
    or a mail program's one-click (RFC 8058 body `List-Unsubscribe=One-Click`). The signed
    token is the secret, so a cross-site token is no protection worth having here."""
    if request.method != "POST":
        subscriber = subscriptions.subscriber_for(token)
        if subscriber is None:
            return _message_page(request, languages.JAPANESE, "link_invalid", status=404)
        language = languages.get(subscriber.language)
        words = portal.words(language.tag)
        name = _organisation_name(subscriber.owner, language)
        question = words["unsubscribe_question"] % {"organisation": name}
        return _button_page(request, language.tag, question, words["unsubscribe_button"])
    gone = subscriptions.unsubscribe(token)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse(status=204 if gone else 404)
    if gone is None:
        return _message_page(request, languages.JAPANESE, "link_invalid", status=404)
    return _message_page(request, gone.language, "unsubscribed")
