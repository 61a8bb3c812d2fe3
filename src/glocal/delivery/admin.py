from django.contrib import admin

from glocal.delivery.models import Delivery, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("pk", "owner", "language", "prefecture", "confirmed_at")
    list_filter = ("owner", "language")
    search_fields = ("email",)
    raw_id_fields = ("prefecture", "municipalities")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("notice", "kind", "status", "sent", "total", "failed", "created_at")
    list_filter = ("status", "kind")
