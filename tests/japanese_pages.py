"""Every page of the product, with demo data, and the text a Japanese reader sees on it.

Shared by the test that looks for English left in the Japanese UI and the browser test that
checks tables at narrow and wide widths."""

from html.parser import HTMLParser

# Elements whose text is not prose for the reader: machine identifiers and code.
SKIPPED_ELEMENTS = {"script", "style", "code", "kbd", "samp", "template", "noscript"}
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class VisibleText(HTMLParser):
    """The text of a page as a Japanese reader meets it: leaves out code, hidden elements and
    elements marked as another language (lang="en", a resident's chosen language…)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []  # for each open element: is its content skipped?

    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        skipped = (
            self._skipping()
            or tag in SKIPPED_ELEMENTS
            or "hidden" in attributes
            or (lang is not None and not lang.startswith("ja") and tag != "html")
        )
        if not skipped:
            for name in ("aria-label", "placeholder", "title", "alt"):
                if attributes.get(name):
                    self.parts.append(attributes[name])
        if tag not in VOID_ELEMENTS:
            self._stack.append(skipped)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self._stack.pop()

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.parts.append(data.strip())

    @property
    def text(self) -> str:
        return "\n".join(self.parts)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.text


def _event_pages(org) -> list[tuple[str, str]]:
    from glocal.events.models import Event, Kind

    seminar = Event.objects.filter(owner=org).exclude(kind=Kind.JAPANESE_CLASS).first()
    series = Event.objects.filter(owner=org, kind=Kind.JAPANESE_CLASS).first()
    return [
        ("events", "/staff/events/"),
        ("event", f"/staff/events/{seminar.pk}/"),
        ("event-class", f"/staff/events/{series.pk}/"),
        ("class", f"/staff/events/{series.pk}/class/"),
        ("lesson", f"/staff/events/{series.pk}/class/lessons/{series.sessions.first().pk}/"),
    ]


def demo_pages() -> dict[str, list[tuple[str, str]]]:
    """(name, path) of every page, by who reads it, for the demo data loaded by `load-demo`."""
    from django.contrib import admin

    from glocal.notices.models import Notice
    from glocal.orgs.models import Organisation
    from glocal.partners.models import Affiliation
    from glocal.plans.models import Plan

    org = Organisation.objects.get(slug="fukushima-pref")
    draft = Notice.objects.filter(owner=org, published_version__isnull=True).first()
    published = Notice.objects.filter(owner=org, published_version__isnull=False).first()
    affiliation = Affiliation.objects.filter(owner=org).first()
    plan = Plan.objects.filter(owner=org).first()
    staff = [
        ("dashboard", "/staff/"),
        ("places", "/places/?q=会津"),
        ("notices", "/staff/notices/"),
        ("notice-new", "/staff/notices/new/"),
        ("phrases", "/staff/notices/phrases/"),
        ("notice", f"/staff/notices/{draft.pk}/"),
        ("notice-published", f"/staff/notices/{published.pk}/"),
        ("notice-revise", f"/staff/notices/{draft.pk}/revise/"),
        ("partners", "/staff/partners/"),
        ("partners-import", "/staff/partners/import/"),
        ("partners-statistics", "/staff/partners/statistics/"),
        ("partners-requests", "/staff/partners/requests/"),
        ("affiliation", f"/staff/partners/{affiliation.pk}/"),
        ("plans", "/staff/plans/"),
        ("plan", f"/staff/plans/{plan.pk}/"),
        ("plan-actuals", f"/staff/plans/{plan.pk}/actuals/{plan.start_fy + 1}/"),
        ("plan-review", f"/staff/plans/{plan.pk}/review/{plan.start_fy + 1}/"),
        ("plan-import-actuals", f"/staff/plans/{plan.pk}/actuals/import/"),
        ("easyja", "/staff/easyja/"),
        ("organisation", f"/staff/orgs/{org.pk}/"),
        ("tokens", f"/staff/orgs/{org.pk}/tokens/"),
        ("audit", f"/staff/orgs/{org.pk}/audit/"),
        *_event_pages(org),
    ]
    public = [
        ("home", "/"),
        ("places", "/places/?q=会津"),
        ("portal", "/residents/ja/"),
        ("portal-notice", f"/residents/ja/notices/{published.pk}/"),
        ("portal-subscribe", "/residents/ja/subscribe/"),
        ("partners", "/partners/"),
        ("partner-requests", "/partners/requests/"),
        ("plans", "/plans/"),
        ("plan-dashboard", f"/plans/{plan.pk}/"),
    ]
    platform = [("index", "/admin/")] + [
        (model._meta.label_lower, f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
        for model in admin.site._registry
        if model._meta.app_label.split(".")[0] not in ("axes", "django_tasks_database")
    ]
    return {"staff": staff, "public": public, "admin": platform}
