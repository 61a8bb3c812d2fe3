"""The e-mails residents get, in their language: a notice, or the confirmation link."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from glocal import languages
from glocal.notices import portal


def site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def links(token: str) -> dict[str, str]:
    return {
        "manage": site(reverse("portal:manage", args=[token])),
        "unsubscribe": site(reverse("portal:unsubscribe", args=[token])),
        "confirm": site(reverse("portal:confirm", args=[token])),
    }


class NoticeMail:
    """Subject and body of one notice version in one language, made once and addressed many
    times: only the footer links differ between subscribers."""

    def __init__(self, notice, version, kind: str, language_tag: str):
        text = version.text(language_tag)
        if text is None:  # no text yet in this language: Easy Japanese, else Japanese
            text = version.text(languages.EASY_JAPANESE) or version.text(languages.JAPANESE)
        self.language = languages.get(text.language)
        words = portal.words(language_tag)
        prefix = {"update": words["updated_prefix"], "cancel": words["cancelled_prefix"]}
        self.subject = " ".join(filter(None, (prefix.get(kind), text.title)))[:200]
        page = site(reverse("portal:notice", args=[language_tag, notice.pk]))
        parts = [text.title, text.body, page]
        if kind == "cancel":
            parts.insert(0, words["cancelled"])
        self.body = "\n\n".join(part for part in parts if part)
        self.words = words

    def message(self, email: str, token: str) -> EmailMessage:
        addresses = links(token)
        footer = (
            f"\n\n-- \n{self.words['email_footer_manage']} {addresses['manage']}\n"
            f"{self.words['email_footer_unsubscribe']} {addresses['unsubscribe']}\n"
        )
        return EmailMessage(
            self.subject,
            self.body + footer,
            to=[email],
            headers={
                # RFC 8058: mail programs offer a one-click unsubscribe button.
                "List-Unsubscribe": f"<{addresses['unsubscribe']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": self.language.tag,
            },
        )


def confirmation(subscriber, token: str, organisation_name: str) -> EmailMessage:
    words = portal.words(subscriber.language)
    body = "\n\n".join(
        (
            words["confirm_body"] % {"organisation": organisation_name},
            links(token)["confirm"],
            words["ignore_if_not_you"],
        )
    )
    return EmailMessage(
        words["confirm_subject"],
        body,
        to=[subscriber.email],
        headers={"Content-Language": subscriber.language},
    )
