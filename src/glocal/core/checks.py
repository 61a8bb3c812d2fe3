"""System checks of Glocal's own deployment rules (`glocal check --deploy`)."""

import zlib

from django.conf import settings
from django.core.checks import Error, Tags, register

MIN_SECRET_KEY_LENGTH = 50
MIN_DISTINCT_CHARACTERS = 12
# Random keys do not compress (ratio above 1 for token_urlsafe, about 0.9 for hex); a key built
# from a repeated piece does, to about a third.
MIN_COMPRESSED_RATIO = 0.7
PLACEHOLDER_WORDS = (
    "insecure", "changeme", "change-me", "change_me", "secret", "password", "example",
    "default", "dummy", "placeholder",
)  # fmt: skip


def secret_key_weaknesses(key: str) -> list[str]:
    """Why the key looks guessable: typed by a person, copied from an example, or too short."""
    found = []
    if len(key) < MIN_SECRET_KEY_LENGTH:
        found.append(f"it has {len(key)} characters, fewer than {MIN_SECRET_KEY_LENGTH}")
    words = [word for word in PLACEHOLDER_WORDS if word in key.lower()]
    if words:
        found.append(f"it contains {', '.join(repr(w) for w in words)}")
    if len(set(key)) < MIN_DISTINCT_CHARACTERS:
        found.append(f"it uses only {len(set(key))} different characters")
    if key and len(zlib.compress(key.encode(), 9)) < MIN_COMPRESSED_RATIO * len(key):
        found.append("it repeats itself")
    return found


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    """In production the key signs sessions and password-reset links: a guessable one lets
    anybody forge them."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    weaknesses = secret_key_weaknesses(settings.SECRET_KEY or "")
    if not weaknesses:
        return []
    return [
        Error(
            "GLOCAL_SECRET_KEY looks weak: " + "; ".join(weaknesses) + ".",
            hint='Generate one: python -c "import secrets; print(secrets.token_urlsafe(50))"',
            id="glocal.E001",
        )
    ]
