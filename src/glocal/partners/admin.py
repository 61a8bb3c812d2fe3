from django.contrib import admin

from glocal.partners.models import Affiliation, Exchange, PartnerProfile, PartnerRequest


class ExchangeInline(admin.TabularInline):
    model = Exchange
    extra = 0


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ("local_government", "partner", "kind", "signed_on", "status", "owner")
    list_filter = ("kind", "status", "owner")
    raw_id_fields = ("local_government", "partner")
    inlines = [ExchangeInline]


@admin.register(PartnerRequest)
class PartnerRequestAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "status", "owner", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("preferred_prefectures",)


@admin.register(PartnerProfile)
class PartnerProfileAdmin(admin.ModelAdmin):
    list_display = ("local_government", "countries", "fields", "owner")
    raw_id_fields = ("local_government",)
