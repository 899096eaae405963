"""Ideas URLs: staff sign-in at /ideas/sign-in/, everything else inside an ICS at
/ics/<ics_code>/ideas/. Mounted at the site root by one include."""

from django.urls import include, path

from pulse.ideas.views import (
    challenges,
    domains,
    ideas,
    moderation,
    people,
    pipeline,
    reports,
    sign_in,
)

app_name = "ideas"

POST = "<slug:kind>/<int:post_id>"

ics_patterns = [
    path("", challenges.list_challenges, name="list_challenges"),
    path("challenges/add/", challenges.add_challenge, name="add_challenge"),
    path("challenges/<int:challenge_id>/", challenges.show_challenge, name="show_challenge"),
    path("challenges/<int:challenge_id>/change/", challenges.edit_challenge, name="edit_challenge"),
    path("challenges/<int:challenge_id>/ideas/add/", ideas.add_idea, name="add_idea"),
    path(
        "challenges/<int:challenge_id>/downloads/",
        challenges.list_idea_downloads,
        name="list_idea_downloads",
    ),
    path(
        "challenges/<int:challenge_id>/ideas.csv",
        challenges.export_ideas_csv,
        name="export_ideas_csv",
    ),
    path(
        "challenges/<int:challenge_id>/ideas.xlsx",
        challenges.export_ideas_xlsx,
        name="export_ideas_xlsx",
    ),
    path("<int:idea_id>/", ideas.show_idea, name="show_idea"),
    path("<int:idea_id>/change/", ideas.edit_idea, name="edit_idea"),
    path("<int:idea_id>/support/", ideas.support_idea, name="support_idea"),
    path("<int:idea_id>/withdraw-support/", ideas.withdraw_support, name="withdraw_support"),
    path("<int:idea_id>/comments/", ideas.add_comment, name="add_comment"),
    path(
        "<int:idea_id>/comments/<int:comment_id>/reply/",
        ideas.reply_comment,
        name="reply_comment",
    ),
    path("<int:idea_id>/report/", reports.report_idea, name="report_idea"),
    path(
        "<int:idea_id>/comments/<int:comment_id>/report/",
        reports.report_comment,
        name="report_comment",
    ),
    path("<int:idea_id>/move/", pipeline.move_idea, name="move_idea"),
    path("my-ideas/", ideas.list_my_ideas, name="list_my_ideas"),
    path("moderation/", moderation.list_reports, name="list_reports"),
    path(f"moderation/{POST}/hide/", moderation.hide_post, name="hide_post"),
    path(f"moderation/{POST}/show-again/", moderation.restore_post, name="restore_post"),
    path(f"moderation/{POST}/keep/", moderation.dismiss_reports, name="dismiss_reports"),
    path("stages/", pipeline.list_stages, name="list_stages"),
    path("stages/add/", pipeline.add_stage, name="add_stage"),
    path("stages/<int:stage_id>/change/", pipeline.edit_stage, name="edit_stage"),
    path("stages/<int:stage_id>/move/", pipeline.move_stage, name="move_stage"),
    path("stages/<int:stage_id>/remove/", pipeline.remove_stage, name="remove_stage"),
    path("sign-in-domains/", domains.list_domains, name="list_domains"),
    path("sign-in-domains/add/", domains.add_domain, name="add_domain"),
    path("sign-in-domains/<int:domain_id>/remove/", domains.remove_domain, name="remove_domain"),
    path("notifications/", people.list_notifications, name="list_notifications"),
    path(
        "notifications/mark-read/",
        people.mark_notifications_read,
        name="mark_notifications_read",
    ),
    path(
        "notifications/settings/",
        people.edit_notification_settings,
        name="edit_notification_settings",
    ),
    path("you-said-we-did/", people.show_outcomes, name="show_outcomes"),
]

urlpatterns = [
    path("ideas/sign-in/", sign_in.sign_in, name="sign_in"),
    path("ideas/sign-in/check-your-email/", sign_in.sign_in_sent, name="sign_in_sent"),
    path("ideas/sign-in/link/", sign_in.follow_link, name="follow_link"),
    path("ideas/sign-in/continue/", sign_in.confirm_sign_in, name="confirm_sign_in"),
    path("ics/<slug:ics_code>/ideas/", include(ics_patterns)),
]
