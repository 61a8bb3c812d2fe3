from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from glocal.places.models import (
    Country,
    CountryAlias,
    ForeignLocalGovernment,
    LocalGovernment,
    Subdivision,
)


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kana", "name_en", "kind", "prefecture", "abolished_on"]
    list_filter = ["kind", "prefecture"]
    search_fields = ["code", "name", "kana", "name_en"]
    raw_id_fields = ["prefecture", "parent"]


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "alpha3", "name_ja", "name_en"]
    search_fields = ["code", "alpha3", "name_ja", "name_en", "aliases__name"]
    inlines = [CountryAliasInline]


@admin.register(Subdivision)
class SubdivisionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_ja", "kind", "country_name"]
    list_filter = ["kind"]
    list_select_related = ["country"]
    search_fields = ["code", "name", "name_ja"]
    raw_id_fields = ["country", "parent"]

    @admin.display(description=_("country"), ordering="country")
    def country_name(self, subdivision):
        return subdivision.country


@admin.register(ForeignLocalGovernment)
class ForeignLocalGovernmentAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ja", "country", "subdivision", "owner", "is_public"]
    list_filter = ["is_public", "kind"]
    search_fields = ["name_en", "name_ja", "name_local"]
    raw_id_fields = ["country", "subdivision", "owner"]
