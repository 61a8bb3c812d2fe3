"""Django's admin shows the desk's reference data only: topics and referral agencies.

Cases, residents' details, messages, canned answers, interpreters and appointments, the
roster and support grants are deliberately NOT registered: platform staff see no case, and the
only way in is a `SupportGrant` given on the desk's own pages. Topics and agencies cannot be
deleted here either: a deletion would silently take them off existing cases and statistics.
Saves are audited (`AuditedModel.save()`).
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from glocal.desk.models import ReferralAgency, Topic


class NoDeletion(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(NoDeletion):
    list_display = ("topic_code", "name", "english_name", "owner", "position")
    list_filter = (("owner", admin.EmptyFieldListFilter),)
    search_fields = ("code", "name", "name_en")

    # A code and an English name are not Japanese UI text: marked so for readers and checks.
    @admin.display(description=_("code"), ordering="code")
    def topic_code(self, topic):
        return format_html("<code>{}</code>", topic.code)

    @admin.display(description=_("English name"), ordering="name_en")
    def english_name(self, topic):
        return format_html('<span lang="en">{}</span>', topic.name_en)


@admin.register(ReferralAgency)
class ReferralAgencyAdmin(NoDeletion):
    list_display = ("name", "kind", "contact", "owner")
    list_filter = ("owner",)
    search_fields = ("name", "kind")
