"""The `glocal` console script: Django's management with Glocal's settings.

Project commands are spelled with hyphens on the command line (`glocal load-reference`); Django
finds them under their module names (`load_reference`).
"""

import os
import sys

from glocal.env import ConfigurationError
from glocal.orgs import actors


def prepare_environment() -> None:
    """Point Django at Glocal's settings and make sure GLOCAL_HOME exists for SQLite and mail."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glocal.settings")
    from django.conf import settings

    settings.GLOCAL_HOME.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> None:
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "glocal"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    try:
        prepare_environment()
    except ConfigurationError as exc:
        sys.exit(f"glocal: configuration error: {exc}")
    # What the command line changes is logged as done by "command line".
    actors.set_current(actors.Actor(via="cli"))
    execute_from_command_line(argv)
