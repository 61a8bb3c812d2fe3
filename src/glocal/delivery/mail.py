"""The e-mails residents get, in their language: a notice, or the confirmation link."""

import base64
from email.header import Header
from email.utils import formataddr, make_msgid, parseaddr
from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.urls import reverse

from glocal import languages
from glocal.core import portal


def _encoded_address(address: str) -> str:
    name, mailbox = parseaddr(address)
    return formataddr((name, mailbox), charset="utf-8")


def site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


_PLACEHOLDER = "TOKEN"


@cache
def _link_patterns() -> dict[str, str]:
    # Reversing URLs for every message of a large delivery is slow; reverse them once.
    return {
        name: site(reverse(f"portal:{name}", args=[_PLACEHOLDER]))
        for name in ("manage", "unsubscribe", "confirm")
    }


def links(token: str) -> dict[str, str]:
    return {name: url.replace(_PLACEHOLDER, token) for name, url in _link_patterns().items()}


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
        self._head = None

    def raw(self, email: str, token: str, date: str) -> bytes:
        """The same message as `message()`, as bytes for smtplib. The headers that are the same
        for everyone (the encoded subject, above all) are made once per language: encoding
        them again for each of 100,000 residents was most of the sending time."""
        if self._head is None:
            self._head = (
                f"From: {_encoded_address(settings.DEFAULT_FROM_EMAIL)}\r\n"
                f"Subject: {Header(self.subject, 'utf-8').encode()}\r\n"
                "MIME-Version: 1.0\r\n"
                'Content-Type: text/plain; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: base64\r\n"
                f"Content-Language: {self.language.tag}\r\n"
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            )
        addresses = links(token)
        text = self.body + self._footer(addresses)
        head = (
            f"{self._head}To: {email}\r\nDate: {date}\r\n"
            f"Message-ID: {make_msgid(domain=DNS_NAME)}\r\n"
            f"List-Unsubscribe: <{addresses['unsubscribe']}>\r\n\r\n"
        )
        return head.encode("ascii") + base64.encodebytes(text.encode()).replace(b"\n", b"\r\n")

    def _footer(self, addresses) -> str:
        return (
            f"\n\n-- \n{self.words['email_footer_manage']} {addresses['manage']}\n"
            f"{self.words['email_footer_unsubscribe']} {addresses['unsubscribe']}\n"
        )

    def message(self, email: str, token: str) -> EmailMessage:
        addresses = links(token)
        return EmailMessage(
            self.subject,
            self.body + self._footer(addresses),
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
