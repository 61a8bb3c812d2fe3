from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EasyJapaneseConfig(AppConfig):
    """The Django side of glocal.easyja: the API, the staff editor panel and the CLI command."""

    name = "glocal.easyja.web"
    label = "easyja"
    verbose_name = _("Easy Japanese")
