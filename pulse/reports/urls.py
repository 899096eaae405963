from django.urls import path

from pulse.reports.views import consent, downloads, pages

app_name = "reports"

wave = "<int:wave_id>/"

urlpatterns = [
    path("", pages.list_results, name="list_results"),
    path("settings/", consent.edit_benchmark_consent, name="edit_benchmark_consent"),
    path(wave, pages.show_results, name="show_results"),
    path(wave + "layers/", pages.show_layers, name="show_layers"),
    path(wave + "principles/", pages.show_principles, name="show_principles"),
    path(wave + "change/", pages.show_change, name="show_change"),
    path(wave + "groups/", pages.show_breakdowns, name="show_breakdowns"),
    path(wave + "questions/", pages.show_questions, name="show_questions"),
    path(wave + "england/", pages.show_benchmark, name="show_benchmark"),
    path(wave + "reliability/", pages.show_reliability, name="show_reliability"),
    path(wave + "comments/", pages.show_comments, name="show_comments"),
    path(wave + "downloads/", downloads.list_downloads, name="list_downloads"),
    path(
        wave + "downloads/<str:file_format>/",
        downloads.download_report,
        name="download_report",
    ),
]
