"""Who is acting: a signed-in user, an API token, the command line or a background task.

The current actor lives in a context variable set by the web middleware, the API's
authentication and the command line, so that the audit log can name it without every
service passing it along.
"""

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from glocal.orgs import addresses

if TYPE_CHECKING:  # imported lazily so that the command line can set its actor before setup
    from glocal.orgs.models import ApiToken, Role


@dataclass
class Actor:
    user: object | None = None  # a django.contrib.auth user, or None
    token: "ApiToken | None" = None
    via: str = "web"
    ip_address: str | None = None
    _roles: "dict[int, Role] | None" = field(default=None, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return self.token is not None or bool(getattr(self.user, "is_authenticated", False))

    @property
    def is_superuser(self) -> bool:
        return self.token is None and bool(getattr(self.user, "is_superuser", False))

    @cached_property
    def roles(self) -> "dict[int, Role]":
        """Organisation id → the actor's role there."""
        from glocal.orgs.models import Membership, Role

        if self._roles is not None:
            return self._roles
        if self.token is not None:
            return {self.token.organisation_id: Role(self.token.role)}
        if not getattr(self.user, "is_authenticated", False):
            return {}
        rows = Membership.objects.filter(user=self.user).values_list("organisation_id", "role")
        return {org_id: Role(role) for org_id, role in rows}

    def role_in(self, organisation_id: int | None) -> "Role | None":
        return self.roles.get(organisation_id) if organisation_id is not None else None

    def has_role(self, organisation_id: int | None, role: "Role") -> bool:
        held = self.role_in(organisation_id)
        return held is not None and held.includes(role)

    def organisation_ids(self, role: "Role | str" = "viewer") -> list[int]:
        return [org_id for org_id, held in self.roles.items() if held.includes(role)]

    @property
    def label(self) -> str:
        if self.token is not None:
            return f"token {self.token.name} ({self.token.organisation.slug})"
        if getattr(self.user, "is_authenticated", False):
            return self.user.get_username()
        return {"cli": "command line", "task": "background task"}.get(self.via, "anonymous")


ANONYMOUS = Actor(via="web")
_current: contextvars.ContextVar[Actor] = contextvars.ContextVar("glocal_actor", default=ANONYMOUS)


def current() -> Actor:
    return _current.get()


@contextlib.contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def set_current(actor: Actor) -> None:
    """Replace the actor for the rest of this request (the middleware restores it afterwards)."""
    _current.set(actor)


def client_ip(request) -> str | None:
    """The client's address: forwarded addresses count only from trusted proxies."""
    return addresses.client_address(request.META)
