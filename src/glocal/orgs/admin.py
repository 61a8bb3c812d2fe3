from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from glocal.orgs import audit_display, services
from glocal.orgs.models import ApiToken, AuditEvent, Membership, Organisation, PlaceGrant


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

    def get_readonly_fields(self, request, obj=None):
        # Which place an organisation is decides the places it acts for: platform staff only.
        if obj is not None and not request.user.is_superuser:
            return services.PLACE_FIELDS
        return ()


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "role", "key_id", "last_used_at", "revoked_at"]
    readonly_fields = ["key_id", "digest", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False  # tokens are issued on the organisation's page, where they are shown once


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "who", "channel", "action", "record_type", "object_repr", "organisation"]
    list_filter = ["action", "via"]
    list_select_related = ["organisation"]

    # The log stores the code's words; the admin names them in the reader's language, as the
    # audit log page does.
    @admin.display(description=_("who"), ordering="actor")
    def who(self, event):
        return audit_display.row(event).who

    @admin.display(description=_("through"), ordering="via")
    def channel(self, event):
        return audit_display.row(event).channel

    @admin.display(description=_("record type"), ordering="model")
    def record_type(self, event):
        return audit_display.row(event).record_type

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PlaceGrantForm(forms.ModelForm):
    class Meta:
        model = PlaceGrant
        fields = ["organisation", "local_government", "reason"]

    def clean(self):
        data = super().clean()
        if data.get("organisation") and data.get("local_government"):
            services.check_place_grant(
                data["organisation"], data["local_government"], data.get("reason") or ""
            )
        return data


@admin.register(PlaceGrant)
class PlaceGrantAdmin(admin.ModelAdmin):
    """Platform staff grant and revoke places here; each through the service, so audited.
    Grants are never edited or deleted: a revoked one stays on record."""

    form = PlaceGrantForm
    list_display = [
        "organisation",
        "local_government",
        "reason",
        "granted_by",
        "created_at",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["organisation__name", "local_government__name", "reason"]
    raw_id_fields = ["organisation", "local_government"]
    actions = ["revoke"]

    def _platform_staff(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request) -> bool:
        return self._platform_staff(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._platform_staff(request)

    def has_add_permission(self, request) -> bool:
        return self._platform_staff(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        # Django offers actions only to those who may change; revoking is ours to allow.
        if not self._platform_staff(request):
            return {}
        return {"revoke": self.get_action("revoke")}

    def save_model(self, request, obj, form, change) -> None:
        grant = services.grant_place(
            request.actor, obj.organisation, obj.local_government, obj.reason
        )
        obj.pk, obj.granted_by, obj.created_at = grant.pk, grant.granted_by, grant.created_at

    @admin.action(description=_("Revoke the selected place grants"))
    def revoke(self, request, queryset) -> None:
        for grant in queryset.active():
            services.revoke_place_grant(request.actor, grant)
