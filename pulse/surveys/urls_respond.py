"""The anonymous respondent journey (mounted at /s/)."""

from django.urls import path

from pulse.surveys.views import respond

app_name = "respond"

urlpatterns = [
    path("<slug:slug>/", respond.start, name="start"),
]
