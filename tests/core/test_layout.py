"""The structure reads top-down: foundations import no app (apps contribute through
glocal.core.registry), and the worker runs the apps' sweeps without knowing them."""

import re
from pathlib import Path

import glocal
from glocal.core import registry

ROOT = Path(glocal.__file__).parent
FOUNDATIONS = ("core", "orgs", "places", "api", "easyja")
APPS = ("notices", "delivery", "partners", "plans", "desk", "network", "events", "trade", "markets")
IMPORT = re.compile(rf"^\s*(?:from|import) glocal\.({'|'.join(APPS)})\b", re.M)


def test_no_foundation_imports_an_app():
    found = [
        f"{path.relative_to(ROOT)}: glocal.{match.group(1)}"
        for foundation in FOUNDATIONS
        for path in (ROOT / foundation).rglob("*.py")
        if "migrations" not in path.parts
        for match in IMPORT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_outbox_offers_its_sweep_to_every_worker():
    from glocal.delivery import outbox

    assert outbox.sweep in registry.WORKER_SWEEPS
