"""ICS admin pages for surveys (mounted at /ics/<ics_code>/surveys/)."""

from django.urls import path

from pulse.surveys.views import admin

app_name = "surveys"

urlpatterns = [
    path("", admin.list_waves, name="list_waves"),
]
