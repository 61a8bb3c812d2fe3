"""Django's admin shows the desk's reference data only: topics and referral agencies.

Cases, residents' details, messages, canned answers, interpreters and appointments, the
roster and support grants are deliberately NOT registered: platform staff see no case, and the
only way in is a `SupportGrant` given on the desk's own pages. Topics and agencies cannot be
deleted here either: a deletion would silently take them off existing cases and statistics.
Saves are audited (`AuditedModel.save()`).
"""

from django.contrib import admin

from glocal.desk.models import ReferralAgency, Topic


class NoDeletion(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(NoDeletion):
    list_display = ("code", "name", "name_en", "owner", "position")
    list_filter = (("owner", admin.EmptyFieldListFilter),)
    search_fields = ("code", "name", "name_en")


@admin.register(ReferralAgency)
class ReferralAgencyAdmin(NoDeletion):
    list_display = ("name", "kind", "contact", "owner")
    list_filter = ("owner",)
    search_fields = ("name", "kind")
