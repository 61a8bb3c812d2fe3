from django.contrib import admin

from glocal.delivery.models import Delivery, DeliveryContent, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("pk", "owner", "language", "prefecture", "confirmed_at")
    list_filter = ("owner", "language")
    search_fields = ("email",)
    raw_id_fields = ("prefecture", "municipalities")


class ContentInline(admin.StackedInline):
    model = DeliveryContent
    extra = 0


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("label", "owner", "source_kind", "kind", "status", "sent", "total", "failed")
    list_filter = ("status", "source_kind", "kind")
    inlines = [ContentInline]
