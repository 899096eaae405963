"""Platform admins can read the framework versions loaded from YAML. Rounds, ratings and the
consensus are deliberately not registered: panel members' ratings are read only through
`pulse.assessments.selectors.panel_ratings` (ADR 13)."""

from django.contrib import admin

from pulse.assessments.models import FrameworkVersion


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["framework", "version", "created_at"]
    readonly_fields = ["framework", "version", "definition_data", "created_at"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
