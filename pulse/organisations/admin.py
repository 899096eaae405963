from django.contrib import admin

from pulse.organisations.models import ICS, Membership, PartnerOrganisation, Place, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "ons_code"]


@admin.register(ICS)
class ICSAdmin(admin.ModelAdmin):
    list_display = ["ods_code", "short_name", "region", "ons_code", "active"]
    list_filter = ["region", "active"]
    search_fields = ["name", "ods_code"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "ics", "active"]
    list_filter = ["ics"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "ods_code", "ics"]
    list_filter = ["sector", "ics"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "ics", "region"]
    list_filter = ["role", "ics", "region"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]
