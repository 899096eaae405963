"""Analysts' pages: /england/ (national analysts) and /regions/<code>/ (national analysts and
the region's analysts)."""

from django.urls import path

from pulse.reports.views import national

app_name = "national"

england = "england/"
region = "regions/<slug:region_code>/"
files = "<int:benchmark_id>/downloads/"

urlpatterns = [
    path(england, national.show_england, name="show_england"),
    path(england + files, national.list_england_downloads, name="list_england_downloads"),
    path(
        england + files + "<str:file_format>/",
        national.download_england_file,
        name="download_england_file",
    ),
    path(region, national.show_region, name="show_region"),
    path(region + files, national.list_region_downloads, name="list_region_downloads"),
    path(
        region + files + "<str:file_format>/",
        national.download_region_file,
        name="download_region_file",
    ),
]
