from django.contrib import admin

from glocal.orgs.models import ApiToken, AuditEvent, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "local_government", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "slug"]
    raw_id_fields = ["local_government", "country"]
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "role", "key_id", "last_used_at", "revoked_at"]
    readonly_fields = ["key_id", "digest", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False  # tokens are issued on the organisation's page, where they are shown once


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "via", "action", "model", "object_repr", "organisation_id"]
    list_filter = ["action", "via"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
