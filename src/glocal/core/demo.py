"""Demo data: each app may offer a `demo.py` with `load(write)`; `glocal load-demo` runs them by
their module's ORDER (lower first; organisations come before the records they own). Every
loader must be idempotent."""

from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

DEMO_PASSWORD = "glocal-demo"


def loaders() -> list[Callable[[Callable[[str], None]], None]]:
    modules = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if (
            config.name.startswith("glocal.")
            and config.name != "glocal.core"
            and find_spec(module_name)
        ):
            modules.append(import_module(module_name))
    return [module.load for module in sorted(modules, key=lambda m: getattr(m, "ORDER", 100))]


def load_all(write: Callable[[str], None]) -> None:
    for load in loaders():
        load(write)
