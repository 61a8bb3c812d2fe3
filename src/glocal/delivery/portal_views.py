"""Subscribing on the resident portal, in the reader's language, with no account."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from glocal import languages
from glocal.delivery import subscriptions, tasks
from glocal.notices.models import Category
from glocal.notices.portal_views import content_language, page_context, place_name
from glocal.orgs.models import Organisation
from glocal.places.models import LocalGovernment


def _publishers(prefecture):
    """Organisations of this prefecture and its municipalities: whom one can subscribe to."""
    places = LocalGovernment.objects.filter(pk=prefecture.pk) | LocalGovernment.objects.filter(
        prefecture=prefecture
    )
    found = Organisation.objects.filter(local_government__in=places).order_by("kind", "name")
    return list(found)


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
        "municipalities": [(m, place_name(m, language)) for m in municipalities.order_by("code")],
        "categories": [(c, words[f"category_{c}"]) for c in Category.values],
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
    categories = [c for c in request.POST.getlist("categories") if c in Category.values]
    email = request.POST.get("email", "")
    try:
        if owner is None:
            raise subscriptions.InvalidSubscription("choose_area_first")
        subscriber, _token = subscriptions.subscribe(
            owner, email, language.tag, prefecture, municipalities, categories
        )
    except subscriptions.InvalidSubscription as problem:
        context.update(problem=words[problem.key], email=email)
        return render(request, "delivery/subscribe.html", context, status=422)
    transaction.on_commit(lambda: tasks.send_confirmation.enqueue(subscriber.pk))
    context["done"] = words["check_your_email"] % {"email": email}
    return render(request, "delivery/subscribe.html", context)


def _message_page(request, tag: str, key: str, status: int = 200, **params):
    """A page saying one thing to the resident in their language (portal word `key`)."""
    language = languages.get(tag)
    context = page_context(request, language)
    context["message"] = context["t"][key] % params if params else context["t"][key]
    return render(request, "delivery/message.html", context, status=status)


def confirm(request, token: str):
    subscriber, fresh = subscriptions.confirm(token)
    if subscriber is None:
        return _message_page(request, languages.JAPANESE, "link_invalid", status=404)
    if not fresh:
        return _message_page(request, subscriber.language, "already_confirmed")
    language = languages.get(subscriber.language)
    area = ", ".join(place_name(m, language) for m in subscriber.municipalities.all())
    area = area or place_name(subscriber.prefecture, language)
    return _message_page(request, subscriber.language, "confirmed", area=area)


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
        categories = [c for c in request.POST.getlist("categories") if c in Category.values]
        subscriptions.change(subscriber, chosen, municipalities, categories)
    language = languages.get(subscriber.language)
    context = page_context(request, language)
    context.update(
        _choices(language, subscriber.prefecture, context["t"]),
        token=token,
        subscriber=subscriber,
        done=context["t"]["saved"] if request.method == "POST" else "",
        chosen_municipalities={m.code for m in subscriber.municipalities.all()},
        chosen_categories=set(subscriber.category_list),
        all_languages=languages.CONTENT_LANGUAGES,
    )
    return render(request, "delivery/manage.html", context)


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without our form
def unsubscribe(request, token: str):
    subscriber = subscriptions.subscriber_for(token)
    tag = subscriber.language if subscriber else languages.JAPANESE
    gone = subscriptions.unsubscribe(token)
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse(status=204 if gone else 404)
    if not gone:
        return _message_page(request, tag, "link_invalid", status=404)
    return _message_page(request, tag, "unsubscribed")
