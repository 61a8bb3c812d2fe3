"""RSS 2.0 and Atom feeds of current notices per language and area, and an Atom index of the
CAP documents of current alerts (what warning aggregators poll)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from glocal import languages
from glocal.core import portal
from glocal.core.portal import place_name
from glocal.notices import services
from glocal.places.models import LocalGovernment


class NoticeFeed(Feed):
    """/residents/<tag>/feed.rss?area=<code>"""

    def get_object(self, request, language):
        try:
            found = languages.get(language)
        except languages.UnknownLanguage:
            raise Http404(language) from None
        code = request.GET.get("area", "")
        area = LocalGovernment.objects.filter(code=code).first() if code else None
        return found, area

    def title(self, obj):
        language, area = obj
        words = portal.words(language.tag)
        if area is None:
            return words["current_notices"]
        return words["current_notices_for"] % {"area": place_name(area, language)}

    def link(self, obj):
        language, area = obj
        url = reverse("portal:notices", args=[language.tag])
        return f"{url}?area={area.code}" if area else url

    def description(self, obj):
        return portal.words(obj[0].tag)["footer"]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj[0].tag  # the feed's language is the reader's, per request
        return feed

    def items(self, obj):
        _language, area = obj
        notices = services.public_notices(area).prefetch_related("published_version__texts")
        return [(notice, obj[0]) for notice in notices.order_by("-published_at")[:50]]

    def _text(self, item):
        notice, language = item
        version = notice.published_version
        return version.text(language.tag) or version.text(languages.JAPANESE)

    def item_title(self, item):
        return self._text(item).title

    def item_description(self, item):
        return self._text(item).body or self._text(item).title

    def item_link(self, item):
        notice, language = item
        return reverse("portal:notice", args=[language.tag, notice.pk])

    def item_guid(self, item):
        notice, _language = item
        site = settings.SITE_URL.rstrip("/")
        return f"{site}/notices/{notice.pk}/v{notice.published_version.number}"

    def item_pubdate(self, item):
        return item[0].first_published_at

    def item_updateddate(self, item):
        return item[0].published_at


class AtomNoticeFeed(NoticeFeed):
    feed_type = Atom1Feed
    subtitle = NoticeFeed.description


class CapIndexFeed(Feed):
    """/residents/cap.atom: every current alert, each entry linking to its CAP document."""

    feed_type = Atom1Feed
    title = "Glocal CAP alerts"
    subtitle = "CAP 1.2 documents of the notices in force."

    def link(self):
        return reverse("portal:start")

    def items(self):
        return services.public_notices().order_by("-published_at")[:200]

    def item_title(self, notice):
        text = notice.published_version.text(languages.JAPANESE)
        return text.title if text else str(notice)

    def item_description(self, notice):
        return notice.get_category_display()

    def item_link(self, notice):
        return reverse("api-v1:notice_cap", args=[notice.pk])

    def item_updateddate(self, notice):
        return notice.published_at

    def item_pubdate(self, notice):
        return notice.first_published_at
