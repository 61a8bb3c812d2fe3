"""The e-mails the outbox sends (any delivery's message, addressed to each recipient), and
the confirmation link of a subscription."""

import base64
from email.header import Header
from email.utils import formataddr, make_msgid, parseaddr
from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.urls import reverse
from django.utils.html import linebreaks

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


class Mail:
    """One delivery's message in one language, made once and addressed many times: only the
    recipient's address and links differ between copies."""

    def __init__(self, content):
        self.subject = content.subject
        self.text = content.text
        self.html = content.html
        self.footer = content.footer
        self.language = content.written_in or content.language
        self.attachments = [
            (a.filename, bytes(a.data), a.mimetype) for a in content.attachments.all()
        ]
        self._head = None

    def body(self, recipient) -> str:
        if not self.footer:
            return self.text
        footer = self.footer.replace("{manage_url}", recipient.manage_url)
        return self.text + footer.replace("{unsubscribe_url}", recipient.unsubscribe_url)

    def raw(self, recipient, date: str) -> bytes:
        """The same message as `message()`, as bytes for smtplib. The headers that are the same
        for everyone (the encoded subject, above all) are made once per language: encoding
        them again for each of 100,000 residents was most of the sending time."""
        if self.html or self.attachments:  # rare enough (replies, tickets) for Django's MIME
            return self.message(recipient).message().as_bytes(linesep="\r\n")
        if self._head is None:
            self._head = (
                f"From: {_encoded_address(settings.DEFAULT_FROM_EMAIL)}\r\n"
                f"Subject: {Header(self.subject, 'utf-8').encode()}\r\n"
                "MIME-Version: 1.0\r\n"
                'Content-Type: text/plain; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: base64\r\n"
                f"Content-Language: {self.language}\r\n"
            )
        head = (
            f"{self._head}To: {recipient.address}\r\nDate: {date}\r\n"
            f"Message-ID: {make_msgid(domain=DNS_NAME)}\r\n"
        )
        if recipient.unsubscribe_url:
            head += (
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
                f"List-Unsubscribe: <{recipient.unsubscribe_url}>\r\n"
            )
        text = self.body(recipient)
        return (head + "\r\n").encode("ascii") + base64.encodebytes(text.encode()).replace(
            b"\n", b"\r\n"
        )

    def message(self, recipient) -> EmailMessage:
        headers = {"Content-Language": self.language}
        if recipient.unsubscribe_url:
            # RFC 8058: mail programs offer a one-click unsubscribe button.
            headers["List-Unsubscribe"] = f"<{recipient.unsubscribe_url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        mail = EmailMultiAlternatives(
            self.subject, self.body(recipient), to=[recipient.address], headers=headers
        )
        if self.html:
            footer = self.footer.replace("{manage_url}", recipient.manage_url)
            footer = footer.replace("{unsubscribe_url}", recipient.unsubscribe_url)
            mail.attach_alternative(self.html + linebreaks(footer, autoescape=True), "text/html")
        for filename, data, mimetype in self.attachments:
            mail.attach(filename, data, mimetype)
        return mail


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
