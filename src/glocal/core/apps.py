from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "glocal.core"
    label = "core"
    verbose_name = "Glocal"

    def ready(self):
        from glocal.core import checks, registry  # checks registers the deploy checks

        del checks
        registry.discover()
