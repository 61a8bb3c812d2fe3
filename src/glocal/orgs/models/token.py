import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from glocal.core import keyed
from glocal.orgs.models.organisation import Organisation, Role
from glocal.orgs.models.tenancy import AuditedModel

TOKEN_PREFIX = "glc"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def authenticate(self, token: str) -> "ApiToken | None":
        """The active token matching `token`, or None for anything malformed or unknown."""
        parts = token.split("_", 2)  # the secret part may itself contain "_"
        if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
            return None
        # On every API request: one query, kept cheap, that also brings the organisation.
        candidate = keyed.get(ApiToken, related="organisation", key_id=parts[1])
        if candidate is None or candidate.revoked_at is not None:
            return None
        if not hmac.compare_digest(candidate.digest, _digest(token)):
            return None
        return candidate


class ApiToken(AuditedModel):
    """A machine's key to the API, acting for one organisation with one role.

    Only a SHA-256 digest is stored; the token itself is shown once, when it is created.
    """

    audit_exclude = ("digest",)

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    key_id = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_PREFIX}_{self.key_id}_…)"

    def audit_organisation_id(self) -> int | None:
        return self.organisation_id

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def issue(self) -> str:
        """Give this unsaved token its key; return the plain token to show the user once."""
        self.key_id = secrets.token_hex(4)
        token = f"{TOKEN_PREFIX}_{self.key_id}_{secrets.token_urlsafe(32)}"
        self.digest = _digest(token)
        return token

    def touch(self) -> None:
        """Record use, at most once a minute so busy clients don't write on every request."""
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
