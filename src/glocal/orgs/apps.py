from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "glocal.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from glocal.orgs import audit

        audit.connect_signals()
