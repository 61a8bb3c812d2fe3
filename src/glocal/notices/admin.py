from django.contrib import admin

from glocal.notices.models import Facility, Notice, NoticePolicy, PhraseTemplate, PhraseTranslation


class TranslationInline(admin.TabularInline):
    model = PhraseTranslation
    extra = 0
    fields = ("language", "text", "review_status", "reviewer")


@admin.register(PhraseTemplate)
class PhraseTemplateAdmin(admin.ModelAdmin):
    list_display = ("key", "category", "description")
    list_filter = ("category",)
    search_fields = ("key", "description", "translations__text")
    inlines = [TranslationInline]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "owner", "local_government", "is_public")
    list_filter = ("kind", "owner")
    search_fields = ("name", "kana", "slug")
    raw_id_fields = ("local_government",)


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("pk", "category", "severity", "status", "owner", "valid_from")
    list_filter = ("status", "category", "severity", "owner")
    raw_id_fields = ("prefecture", "municipalities", "current_version", "published_version")


admin.site.register(NoticePolicy)
