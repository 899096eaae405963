from django.contrib import admin

from pulse.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Platform admins can see tokens (never their hashes) and revoke one that has leaked."""

    list_display = ["name", "user", "created_on", "expires_on", "last_used_on", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["name", "user__email"]
    fields = ["user", "name", "created_on", "expires_on", "last_used_on", "revoked"]
    readonly_fields = ["user", "name", "created_on", "expires_on", "last_used_on"]

    def has_add_permission(self, request: object) -> bool:
        return False
