"""Typed readers for the GLOCAL_* environment variables.

Each reader fails loudly with the variable's name when its value cannot be used, so that a
misconfigured deployment stops at start-up instead of misbehaving later.
"""

import ipaddress
import os
from pathlib import Path


class ConfigurationError(Exception):
    """A GLOCAL_* variable is missing or malformed."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    """The variable's value, or the contents of the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigurationError(f"{name}_FILE: cannot read {file_name}: {exc}") from exc
    return os.environ.get(name)


def string(name: str, default: str | None = None) -> str | None:
    value = _raw(name)
    return default if value is None or value == "" else value


def boolean(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}")


def integer(name: str, default: int) -> int:
    value = _raw(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}") from None


def choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = string(name, default)
    if value not in choices:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def string_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def path(name: str, default: str) -> Path:
    return Path(string(name, default) or default).expanduser().resolve()


def ip_networks(name: str, default: list[str]) -> list[str]:
    """Comma-separated addresses or CIDR ranges (`10.0.0.0/8`, `::1`), or `*` for any."""
    items = string_list(name, default)
    for item in items:
        if item == "*":
            continue
        try:
            ipaddress.ip_network(item)
        except ValueError:
            raise ConfigurationError(
                f"{name} must list IP addresses or networks (as 10.0.0.0/8), not {item!r}"
            ) from None
    return items
