"""The public resident portal: current notices for an area, in the reader's language.

URLs carry the language (/residents/vi/…), so pages can be shared and cached and need no
cookie. Everything works without JavaScript; Easy Japanese pages show furigana.
"""

import hashlib
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Case, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from glocal import easyja, languages
from glocal.core import portal
from glocal.core.portal import content_language, page_context, place_name, place_names
from glocal.notices import services, slots
from glocal.notices.models import Notice, ReviewStatus
from glocal.places.models import LocalGovernment

TOKYO = "Asia/Tokyo"


def _best_language(request) -> str:
    accepted = request.headers.get("Accept-Language", "")
    for part in accepted.split(","):
        tag = part.split(";")[0].strip()
        for candidate in (tag, tag.split("-")[0]):
            try:
                return languages.normalise(candidate)
            except languages.UnknownLanguage:
                continue
        if tag.lower().startswith("zh"):
            return "zh-Hant" if tag.lower() in ("zh-tw", "zh-hk", "zh-hant") else "zh-Hans"
    return languages.JAPANESE


def start(request):
    """/residents/: the reader's language from the browser, or Japanese."""
    return redirect("portal:notices", language=_best_language(request))


def _when(moment, language) -> str:
    """A moment as the reader writes dates and times, in Japan's time, without seconds."""
    local = timezone.localtime(moment, ZoneInfo(TOKYO))
    day = slots.localise("date", local.date(), language)
    clock = slots.localise("time", local.time(), language)
    return f"{day}{'' if language.is_japanese else ' '}{clock}"


def _area(request):
    code = request.GET.get("area", "").strip()
    if not code:
        return None
    return LocalGovernment.objects.filter(code=code).select_related("prefecture").first()


def _shown_text(notice: Notice, language):
    """The text in the reader's language, or the Japanese original with its own lang."""
    version = notice.published_version
    text = version.text(language.tag) or version.text(languages.JAPANESE)
    return text, languages.get(text.language)


def _render_text(text, shown_language) -> dict:
    paragraphs = [p for p in text.body.split("\n\n") if p.strip()]
    if shown_language.tag == languages.EASY_JAPANESE:
        title = mark_safe(easyja.ruby_html(text.title))  # ruby_html escapes the text
        paragraphs = [mark_safe(easyja.ruby_html(p)) for p in paragraphs]
    else:
        title = escape(text.title)
        paragraphs = [escape(p) for p in paragraphs]
    return {
        "title": title,
        "plain_title": text.title,  # for <title> and links: never the furigana
        "paragraphs": paragraphs,
        "unreviewed": text.review_status != ReviewStatus.REVIEWED,
        "machine": text.review_status == ReviewStatus.MACHINE,
        "language": shown_language,
    }


# Residents see an emergency before anything else, however long ago it was published.
_MOST_SEVERE_FIRST = Case(
    *(When(severity=s, then=Value(rank)) for rank, s in enumerate(Notice.Severity.values)),
    default=Value(len(Notice.Severity.values)),
)


def notices(request, language: str):
    language = content_language(language)
    area = _area(request)
    prefecture = area.prefecture if area and not area.is_prefecture else area
    words = portal.words(language.tag)
    items = []
    found = services.public_notices(area).prefetch_related("published_version__texts")
    for notice in found.order_by(_MOST_SEVERE_FIRST, "-published_at")[:100]:
        text, shown = _shown_text(notice, language)
        items.append(
            {
                "notice": notice,
                "text": _render_text(text, shown),
                "severity": words[f"severity_{notice.severity}"],
                "published": words["published"] % {"date": _when(notice.published_at, language)},
                "until": words["valid_until"] % {"date": _when(notice.valid_until, language)}
                if notice.valid_until
                else "",
                "url": reverse("portal:notice", args=[language.tag, notice.pk]),
            }
        )
    prefectures = LocalGovernment.objects.prefectures().order_by("code")
    municipalities = (
        LocalGovernment.objects.municipalities().current().filter(prefecture=prefecture)
        if prefecture
        else LocalGovernment.objects.none()
    )
    area_name = place_name(area, language) if area else ""
    context = page_context(
        request,
        language,
        heading=words["current_notices_for"] % {"area": area_name}
        if area
        else words["current_notices"],
        area=area,
        prefecture=prefecture,
        prefectures=[(p, place_name(p, language)) for p in prefectures],
        municipalities=place_names(municipalities.order_by("code"), language),
        items=items,
        now=timezone.now(),
    )
    return render(request, "notices/portal/list.html", context)


# Everything on a notice page that can change while its URL stays the same.
_PAGE_STATE = (
    "published_version_id",
    "status",
    "published_at",
    "cancelled_at",
    "category",
    "severity",
    "valid_from",
    "valid_until",
)


def notice(request, language: str, notice_id: int):
    """A notice page. Pages are cached by what they show: the published version (which carries
    texts, category, severity, area and validity), the status, the dates shown and the query
    string; a new version, a cancellation or any change of those makes a new key, so nothing
    stale is ever served and nothing needs clearing."""
    language = content_language(language)
    state = (
        Notice.objects.filter(pk=notice_id, published_version__isnull=False)
        .values_list(*_PAGE_STATE)
        .first()
    )
    key = None
    if state is not None:
        shown = hashlib.sha256(repr((state, request.GET.urlencode())).encode()).hexdigest()[:24]
        key = f"portal:notice:{notice_id}:{language.tag}:{shown}"
        cached = cache.get(key)
        if cached is not None:
            return HttpResponse(cached)
    response = _notice_page(request, language, notice_id)
    if key is not None and response.status_code == 200:
        cache.set(key, response.content, timeout=3600)
    return response


def _notice_page(request, language, notice_id: int):
    found = (
        Notice.objects.filter(pk=notice_id, published_version__isnull=False)
        .select_related("owner", "prefecture", "published_version")
        .prefetch_related("published_version__texts", "municipalities")
        .first()
    )
    if found is None:
        context = page_context(request, language)
        return render(request, "notices/portal/missing.html", context, status=404)
    words = portal.words(language.tag)
    text, shown = _shown_text(found, language)
    areas = [name for _m, name in place_names(found.municipalities.all(), language)] or [
        place_name(found.prefecture, language)
    ]
    organisation = (
        found.owner.name if language.is_japanese else (found.owner.name_en or found.owner.name)
    )
    context = page_context(
        request,
        language,
        route="portal:notice",
        route_kwargs={"notice_id": found.pk},
        notice=found,
        text=_render_text(text, shown),
        severity=words[f"severity_{found.severity}"],
        areas=areas,
        issued_by=words["issued_by"] % {"organisation": organisation},
        published=words["published"] % {"date": _when(found.first_published_at, language)},
        updated=words["updated"] % {"date": _when(found.published_at, language)}
        if found.is_updated
        else "",
        valid_from=words["valid_from"] % {"date": _when(found.valid_from, language)},
        until=words["valid_until"] % {"date": _when(found.valid_until, language)}
        if found.valid_until
        else "",
        cancelled=found.status == Notice.Status.CANCELLED,
        back=reverse("portal:notices", args=[language.tag]),
    )
    return render(request, "notices/portal/notice.html", context)
