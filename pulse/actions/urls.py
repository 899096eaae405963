"""The action plan (mounted at /ics/<ics_code>/action-plan/)."""

from django.urls import path

from pulse.actions import views

app_name = "actions"

urlpatterns = [
    path("", views.list_actions, name="list_actions"),
    path("add/", views.add_action, name="add_action"),
    path("<int:action_id>/", views.show_action, name="show_action"),
    path("<int:action_id>/change/", views.edit_action, name="edit_action"),
    path("<int:action_id>/notes/add/", views.add_note, name="add_note"),
    path("pdf/", views.list_downloads, name="list_downloads"),
    path("pdf/download/", views.download_plan, name="download_plan"),
]
