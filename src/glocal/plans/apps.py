from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "glocal.plans"
    verbose_name = _("Plans")

    def ready(self):
        from glocal.plans import derived

        derived.watch()
