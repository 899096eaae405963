"""Moderators see reported posts in a queue, hide them with a reason the author sees, keep
them, or show hidden ones again. Every moderation action is audited."""

from typing import Any

import pytest
from django.test import Client

from pulse.core.models import AuditEntry
from pulse.core.tests.html import error_summary, text
from pulse.ideas.models import Comment, Idea, Notification, Report
from pulse.ideas.services.ideas import report_create
from pulse.ideas.tests.factories import CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(people: dict[str, Any], challenge: Any) -> dict[str, Any]:
    idea = IdeaFactory(challenge=challenge, author=people["author"], title="Rude idea")
    comment = CommentFactory(idea=idea, author=people["author"], body="Rude comment")
    report_create(reporter=people["staff"], idea=idea, reason="Insults a team")
    report_create(reporter=people["staff"], comment=comment, reason="Names a patient")
    return {"idea": idea, "comment": comment}


def test_the_queue_lists_reported_posts_with_their_reasons_but_not_who_reported(
    client: Client, people: dict[str, Any], reported: dict[str, Any]
) -> None:
    client.force_login(people["moderator"])
    page = text(client.get("/ics/qyg/ideas/moderation/"))
    assert "Idea: Rude idea" in page and "Insults a team" in page
    assert "Comment on Rude idea" in page and "Names a patient" in page
    assert "Priya" not in page
    home = text(client.get("/ics/qyg/ideas/"))
    assert "Moderation queue (2 reports waiting)" in home


def test_hiding_an_idea_tells_its_author_why_and_hides_it_from_everyone_else(
    client: Client, people: dict[str, Any], reported: dict[str, Any]
) -> None:
    idea = reported["idea"]
    client.force_login(people["moderator"])
    response = client.post(
        f"/ics/qyg/ideas/moderation/idea/{idea.pk}/hide/", {"reason": "It attacks a named team"}
    )
    assert response["Location"] == "/ics/qyg/ideas/moderation/"
    idea.refresh_from_db()
    assert idea.is_hidden and idea.hidden_reason == "It attacks a named team"
    assert set(Report.objects.filter(idea=idea).values_list("outcome", flat=True)) == {"hidden"}
    entry = AuditEntry.objects.get(action="idea_hidden")
    assert (
        entry.actor == people["moderator"] and entry.details["reason"] == "It attacks a named team"
    )

    client.force_login(people["staff"])
    assert client.get(f"/ics/qyg/ideas/{idea.pk}/").status_code == 404
    assert "Rude idea" not in text(client.get(f"/ics/qyg/ideas/challenges/{idea.challenge_id}/"))

    client.force_login(people["author"])
    page = text(client.get(f"/ics/qyg/ideas/{idea.pk}/"))
    assert "A moderator hid your idea. The reason they gave: It attacks a named team" in page
    note = Notification.objects.get(user=people["author"])
    assert note.kind == "post_hidden" and "It attacks a named team" in note.text


def test_a_hidden_comment_is_replaced_by_a_notice_for_others(
    client: Client, people: dict[str, Any], reported: dict[str, Any]
) -> None:
    comment = reported["comment"]
    client.force_login(people["moderator"])
    client.post(f"/ics/qyg/ideas/moderation/comment/{comment.pk}/hide/", {"reason": "Patient"})
    client.force_login(people["staff"])
    page = text(client.get(f"/ics/qyg/ideas/{comment.idea_id}/"))
    assert "A moderator hid this comment." in page and "Rude comment" not in page
    client.force_login(people["author"])
    page = text(client.get(f"/ics/qyg/ideas/{comment.idea_id}/"))
    assert "Rude comment" in page and "The reason they gave: Patient" in page


def test_keeping_a_post_closes_its_reports_and_showing_again_restores_it(
    client: Client, people: dict[str, Any], reported: dict[str, Any]
) -> None:
    idea, comment = reported["idea"], reported["comment"]
    client.force_login(people["moderator"])
    client.post(f"/ics/qyg/ideas/moderation/idea/{idea.pk}/keep/")
    assert Report.objects.get(idea=idea).outcome == "dismissed"
    again = client.post(f"/ics/qyg/ideas/moderation/idea/{idea.pk}/keep/")
    assert error_summary(again) == ["This idea has no reports waiting for a moderator"]

    client.post(f"/ics/qyg/ideas/moderation/comment/{comment.pk}/hide/", {"reason": "Patient"})
    client.post(f"/ics/qyg/ideas/moderation/comment/{comment.pk}/show-again/")
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    not_hidden = client.post(f"/ics/qyg/ideas/moderation/comment/{comment.pk}/show-again/")
    assert error_summary(not_hidden) == ["This comment is not hidden"]
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["idea_reports_dismissed", "comment_hidden", "comment_restored"]


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Enter the reason for hiding it. The author will see it"),
        ("x" * 501, "Why are you hiding it? must be 500 characters or fewer"),
    ],
)
def test_hiding_needs_a_reason(
    client: Client, people: dict[str, Any], reported: dict[str, Any], reason: str, message: str
) -> None:
    client.force_login(people["moderator"])
    response = client.post(
        f"/ics/qyg/ideas/moderation/idea/{reported['idea'].pk}/hide/", {"reason": reason}
    )
    assert error_summary(response) == [message]
    assert not Idea.objects.filter(hidden_at__isnull=False).exists()
    assert not AuditEntry.objects.exists()


def test_hiding_twice_is_refused(
    client: Client, people: dict[str, Any], reported: dict[str, Any]
) -> None:
    client.force_login(people["moderator"])
    url = f"/ics/qyg/ideas/moderation/idea/{reported['idea'].pk}/hide/"
    client.post(url, {"reason": "Rude"})
    again = client.post(url, {"reason": "Still rude"})
    assert error_summary(again) == ["This idea is already hidden"]
    assert AuditEntry.objects.filter(action="idea_hidden").count() == 1


def test_an_unknown_kind_of_post_is_not_found(
    client: Client, people: dict[str, Any], reported: dict[str, Any]
) -> None:
    client.force_login(people["moderator"])
    assert (
        client.get(f"/ics/qyg/ideas/moderation/user/{reported['idea'].pk}/hide/").status_code == 404
    )


def test_staff_cannot_comment_on_or_support_a_hidden_idea_they_wrote(
    client: Client, people: dict[str, Any], reported: dict[str, Any]
) -> None:
    idea = reported["idea"]
    client.force_login(people["moderator"])
    client.post(f"/ics/qyg/ideas/moderation/idea/{idea.pk}/hide/", {"reason": "Rude"})
    client.force_login(people["author"])
    response = client.post(
        f"/ics/qyg/ideas/{idea.pk}/comments/", {"body": "Why?", "post_as": "named"}
    )
    assert error_summary(response) == ["You cannot comment on an idea that a moderator has hidden"]
    assert Comment.objects.count() == 1
