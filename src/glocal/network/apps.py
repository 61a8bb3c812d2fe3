from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "glocal.network"
    verbose_name = _("Network")

    def ready(self):
        from glocal.delivery.services import finished
        from glocal.network import mailings

        # A mailing's report is written when the outbox has finished its delivery.
        finished.connect(mailings.delivery_finished, dispatch_uid="network.mailings")
