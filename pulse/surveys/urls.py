"""ICS admin pages for surveys (mounted at /ics/<ics_code>/surveys/)."""

from django.urls import path

from pulse.surveys.views.admin import distribution, instruments, questions, results, waves

app_name = "surveys"

urlpatterns = [
    path("", waves.list_waves, name="list_waves"),
    path("create/", waves.create_wave, name="create_wave"),
    path("<int:wave_id>/", waves.show_wave, name="show_wave"),
    path("<int:wave_id>/change/", waves.edit_wave, name="edit_wave"),
    path("<int:wave_id>/open/", waves.open_wave, name="open_wave"),
    path("<int:wave_id>/close/", waves.close_wave, name="close_wave"),
    path("<int:wave_id>/publish/", waves.publish_wave, name="publish_wave"),
    path("<int:wave_id>/questions/add/", questions.add_local_question, name="add_local_question"),
    path(
        "<int:wave_id>/questions/<slug:key>/remove/",
        questions.remove_local_question,
        name="remove_local_question",
    ),
    path("<int:wave_id>/participants/", distribution.list_participants, name="list_participants"),
    path(
        "<int:wave_id>/participants/upload/",
        distribution.upload_participants,
        name="upload_participants",
    ),
    path(
        "<int:wave_id>/participants/<int:participant_id>/remove/",
        distribution.remove_participant,
        name="remove_participant",
    ),
    path("<int:wave_id>/invitations/", distribution.edit_invitations, name="edit_invitations"),
    path(
        "<int:wave_id>/invitations/preview/",
        distribution.preview_invitations,
        name="preview_invitations",
    ),
    path("<int:wave_id>/reminders/", distribution.edit_reminders, name="edit_reminders"),
    path("<int:wave_id>/fieldwork/", distribution.show_fieldwork, name="show_fieldwork"),
    path("<int:wave_id>/import/", results.upload_results, name="upload_results"),
    path(
        "<int:wave_id>/import/<int:upload_id>/columns/",
        results.map_result_columns,
        name="map_result_columns",
    ),
    path(
        "<int:wave_id>/import/<int:upload_id>/answers/",
        results.map_result_answers,
        name="map_result_answers",
    ),
    path(
        "<int:wave_id>/import/<int:upload_id>/preview/",
        results.preview_results,
        name="preview_results",
    ),
    path("instruments/", instruments.list_instruments, name="list_instruments"),
    path("instruments/import/", instruments.import_instrument, name="import_instrument"),
    path(
        "instruments/<int:version_id>/xlsform/",
        instruments.export_instrument,
        name="export_instrument",
    ),
    path(
        "instruments/example-consultation.xlsx",
        instruments.download_example_workbook,
        name="download_example_workbook",
    ),
]
