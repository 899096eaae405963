"""Django admin for ideas reference data only.

Ideas, comments, supports and reports are deliberately not registered: the Django admin would
show the author of an idea posted as "A colleague" to platform admins.
"""

from django.contrib import admin

from pulse.ideas.models import Challenge, Stage


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["title", "ics", "opens_on", "closes_on"]
    list_filter = ["ics"]
    search_fields = ["title"]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["name", "ics", "position", "kind"]
    list_filter = ["ics", "kind"]
