from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "glocal.core"
    label = "core"
    verbose_name = "Glocal"
