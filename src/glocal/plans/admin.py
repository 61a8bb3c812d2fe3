"""Plans in the Django admin, to look at: plans change through their import and the staff pages,
which check fiscal-year locks and write the audit log, so the admin does not edit them."""

from django.contrib import admin

from glocal.plans.models import Actual, Indicator, Node, Plan, Review, Target, YearLock


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NodeInline(admin.TabularInline):
    model = Node
    fields = ("code", "kind", "title", "parent")
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "start_fy", "end_fy", "status", "is_public")
    list_filter = ("status", "owner")
    search_fields = ("title", "title_en")
    inlines = [NodeInline]


@admin.register(Node)
class NodeAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "kind", "plan")
    list_filter = ("kind", "plan")
    search_fields = ("code", "title", "title_en")


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "unit", "direction", "node")
    list_filter = ("direction", "node__plan")
    search_fields = ("code", "name", "name_en")


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "fiscal_year", "value")
    list_filter = ("fiscal_year",)


@admin.register(Actual)
class ActualAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "fiscal_year", "value", "sample", "entered_by", "entered_at")
    list_filter = ("fiscal_year", "sample")


@admin.register(YearLock)
class YearLockAdmin(ReadOnlyAdmin):
    list_display = ("plan", "fiscal_year", "locked_at")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("node", "fiscal_year", "status", "written_by", "confirmed_by")
    list_filter = ("fiscal_year", "status")
