"""Turn GLOCAL_EMAIL_URL into Django's e-mail settings.

Forms accepted:
  smtp://user:password@host:25        plain SMTP (or STARTTLS with ?starttls=1)
  smtp+tls://user:password@host:587   SMTP with STARTTLS
  smtps://user:password@host:465      SMTP over TLS
  file:///var/lib/glocal/mail         one file per message in a mailbox folder
  console:                            print messages (development)
"""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from glocal.env import ConfigurationError

_SMTP = "django.core.mail.backends.smtp.EmailBackend"


def email_settings(url: str) -> dict[str, object]:
    """Return EMAIL_* settings for a mail URL; raise ConfigurationError naming the variable."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if not parts.path:
            raise ConfigurationError("GLOCAL_EMAIL_URL: file: needs a folder, as file:///path")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(Path(unquote(parts.path))),
        }
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme not in {"smtp", "smtp+tls", "smtps"}:
        raise ConfigurationError(
            f"GLOCAL_EMAIL_URL: unknown scheme {parts.scheme!r}; "
            "use smtp://, smtp+tls://, smtps://, file:// or console:"
        )
    if not parts.hostname:
        raise ConfigurationError("GLOCAL_EMAIL_URL: an SMTP URL needs a host")
    query = parse_qs(parts.query)
    try:
        port = parts.port
    except ValueError:
        raise ConfigurationError("GLOCAL_EMAIL_URL: the port is not a number") from None
    use_ssl = scheme == "smtps"
    use_tls = scheme == "smtp+tls" or query.get("starttls", ["0"])[0] in {"1", "true"}
    return {
        "EMAIL_BACKEND": _SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if use_ssl else 587 if use_tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": int(query.get("timeout", ["30"])[0]),
    }
