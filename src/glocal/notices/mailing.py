"""Notices as a client of the platform's outbox (glocal.delivery.services): publishing,
publishing an update or cancelling sends that version to the organisation's subscribers of the
notice's area and category, each in their language."""

from django.urls import reverse

from glocal import languages
from glocal.core import portal
from glocal.delivery import services as delivery
from glocal.delivery.mail import site

SOURCE = "notices.notice"
# A language with no text yet gets the Easy Japanese text, else the Japanese one.
FALLBACKS = (languages.EASY_JAPANESE, languages.JAPANESE)


def deliver(notice, kind: str):
    """Send the published version once per kind: a cancellation speaks of what residents were
    told, never of a draft that awaits approval."""
    version = notice.published_version
    texts = {t.language: (t.title, t.body) for t in version.texts.all()}
    japanese = texts.get(languages.JAPANESE, ("", ""))[0]
    return delivery.send(
        notice.owner,
        delivery.Source(
            SOURCE,
            notice.pk,
            label=f"v{version.number} {japanese}",
            purpose=kind,
            key=f"{kind}:{version.pk}",
        ),
        recipients=delivery.Subscribers(
            prefecture_id=notice.prefecture_id,
            category=notice.category,
            municipality_ids=list(notice.municipalities.values_list("pk", flat=True)),
        ),
        messages=messages(notice.pk, texts, kind),
        fallbacks=FALLBACKS,
    )


def messages(notice_id: int, texts: dict, kind: str) -> dict[str, "delivery.Message"]:
    """The message in every content language: the text in that language (else Easy Japanese,
    else Japanese), with the portal's words and links in the reader's language. `texts` maps a
    language tag to (title, body)."""
    found = {}
    for language in languages.CONTENT_LANGUAGES:
        tag = language.tag
        written_in = next((t for t in (tag, *FALLBACKS) if t in texts), None)
        if written_in is None:
            continue
        title, body = texts[written_in]
        words = portal.words(tag)
        prefix = {"update": words["updated_prefix"], "cancel": words["cancelled_prefix"]}
        page = site(reverse("portal:notice", args=[tag, notice_id]))
        parts = [title, body, page]
        if kind == "cancel":
            parts.insert(0, words["cancelled"])
        found[tag] = delivery.Message(
            subject=" ".join(filter(None, (prefix.get(kind), title)))[:200],
            text="\n\n".join(part for part in parts if part),
            footer=(
                f"\n\n-- \n{words['email_footer_manage']} {{manage_url}}\n"
                f"{words['email_footer_unsubscribe']} {{unsubscribe_url}}\n"
            ),
            written_in=written_in,
        )
    return found
