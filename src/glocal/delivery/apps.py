from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "glocal.delivery"
    verbose_name = _("Delivery")

    def ready(self):
        from glocal.delivery import outbox
        from glocal.notices.signals import notice_released

        def released(sender, notice, kind, **kwargs):
            outbox.start(notice, kind)

        notice_released.connect(released, weak=False, dispatch_uid="glocal.delivery.start")
