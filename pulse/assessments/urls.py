"""The culture self-assessment (mounted at /ics/<ics_code>/self-assessment/)."""

from django.urls import path

from pulse.assessments.views import consensus, rating, results, rounds

app_name = "assessments"

round = "<int:round_id>/"

urlpatterns = [
    path("", rounds.list_rounds, name="list_rounds"),
    path("open/", rounds.open_round, name="open_round"),
    path(round, rounds.show_round, name="show_round"),
    path(round + "change/", rounds.edit_round, name="edit_round"),
    path(round + "panel/add/", rounds.add_panel_member, name="add_panel_member"),
    path(
        round + "panel/<int:panel_member_id>/remove/",
        rounds.remove_panel_member,
        name="remove_panel_member",
    ),
    path(round + "close-rating/", rounds.close_rating, name="close_rating"),
    path(round + "complete/", rounds.complete_round, name="complete_round"),
    path(round + "rate/", rating.show_my_ratings, name="show_my_ratings"),
    path(round + "rate/gateway/", rating.rate_gateway, name="rate_gateway"),
    path(round + "rate/submit/", rating.submit_ratings, name="submit_ratings"),
    path(round + "rate/<str:code>/", rating.rate_principle, name="rate_principle"),
    path(round + "consensus/", consensus.show_consensus, name="show_consensus"),
    path(round + "consensus/gateway/<slug:key>/", consensus.agree_gateway, name="agree_gateway"),
    path(round + "consensus/<slug:key>/", consensus.agree_indicator, name="agree_indicator"),
    path(round + "results/", results.show_results, name="show_results"),
    path(round + "results/downloads/", results.list_downloads, name="list_downloads"),
    path(
        round + "results/downloads/<str:file_format>/",
        results.download_report,
        name="download_report",
    ),
]
