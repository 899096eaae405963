"""Staff post ideas to open challenges, change them until review starts, support each idea
once, comment with one level of replies and report posts once. Bad input gets NHS errors and
changes nothing."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from pulse.core.tests.html import error_summary, soup, text
from pulse.ideas.models import Comment, Idea, Report, Support
from pulse.ideas.services.pipeline import idea_move
from pulse.ideas.tests.factories import (
    ChallengeFactory,
    CommentFactory,
    IdeaFactory,
    fields,
    stages,
)

pytestmark = pytest.mark.django_db


def snapshot() -> list[Any]:
    return [
        list(Idea.objects.values()),
        list(Comment.objects.values()),
        list(Support.objects.values()),
        list(Report.objects.values()),
    ]


def test_staff_post_an_idea_that_starts_at_the_first_stage(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    client.force_login(people["author"])
    response = client.post(
        f"/ics/qyg/ideas/challenges/{challenge.pk}/ideas/add/",
        fields(principles=["P3", "P1"], post_as="named"),
    )
    idea = Idea.objects.get()
    assert response["Location"] == f"/ics/qyg/ideas/{idea.pk}/"
    assert (idea.stage.name, idea.principles, idea.anonymous) == ("New", "P1,P3", False)
    assert idea.author == people["author"] and idea.ics == challenge.ics
    page = text(client.get(response["Location"]))
    assert "Posted by Zebedee Quartermaine" in page and "Your idea has been posted" in page


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        (
            {},
            [
                "Enter a title for your idea",
                "Describe your idea",
                "Select how you want to post your idea",
            ],
        ),
        (fields(title=" "), ["Enter a title for your idea"]),
        (fields(title="x" * 121), ["Title must be 120 characters or fewer"]),
        (fields(description="x" * 4001), ["Describe your idea must be 4000 characters or fewer"]),
        (fields(principles=["P9"]), ["Select principles from the list"]),
        (fields(post_as="someone-else"), ["Select how you want to post your idea"]),
    ],
)
def test_bad_ideas_get_nhs_errors_and_change_nothing(
    client: Client,
    people: dict[str, Any],
    challenge: Any,
    data: dict[str, Any],
    messages: list[str],
) -> None:
    client.force_login(people["author"])
    response = client.post(f"/ics/qyg/ideas/challenges/{challenge.pk}/ideas/add/", data)
    assert response.status_code == 200
    assert error_summary(response) == messages
    assert soup(response).title.get_text().strip().startswith("Error: Add your idea")
    assert not Idea.objects.exists()


@pytest.mark.parametrize("days", [(-30, -1), (2, 10)])
def test_ideas_cannot_be_posted_to_a_closed_or_future_challenge(
    client: Client, people: dict[str, Any], days: tuple[int, int]
) -> None:
    today = timezone.localdate()
    challenge = ChallengeFactory(
        opens_on=today + timedelta(days=days[0]), closes_on=today + timedelta(days=days[1])
    )
    client.force_login(people["admin"])
    response = client.post(f"/ics/qyg/ideas/challenges/{challenge.pk}/ideas/add/", fields())
    assert response.status_code == 200
    assert "not open for new ideas" in text(response)
    assert not Idea.objects.exists()


def test_staff_cannot_reach_a_challenge_before_it_opens(
    client: Client, people: dict[str, Any]
) -> None:
    future = ChallengeFactory(opens_on=timezone.localdate() + timedelta(days=3), title="Soon")
    client.force_login(people["staff"])
    assert client.get(f"/ics/qyg/ideas/challenges/{future.pk}/").status_code == 404
    assert "Soon" not in text(client.get("/ics/qyg/ideas/"))
    client.force_login(people["admin"])
    assert client.get(f"/ics/qyg/ideas/challenges/{future.pk}/").status_code == 200


def test_the_author_can_change_their_idea_until_review_starts(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"], title="Before")
    client.force_login(people["author"])
    url = f"/ics/qyg/ideas/{idea.pk}/change/"
    client.post(url, fields(title="After", post_as="colleague"))
    idea.refresh_from_db()
    assert (idea.title, idea.anonymous) == ("After", True)

    idea_move(
        idea=idea, to_stage=stages()["Under review"], feedback="Looking", by=people["moderator"]
    )
    before = snapshot()
    page = client.get(url)
    assert "You cannot change your idea because the design group has started to review it" in text(
        page
    )
    refused = client.post(url, fields(title="Too late"))
    assert error_summary(refused) == [
        "You cannot change your idea because the design group has started to review it"
    ]
    assert snapshot() == before
    assert "Change your idea" not in text(client.get(f"/ics/qyg/ideas/{idea.pk}/"))


def test_no_one_else_can_change_an_idea(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"])
    for who in ("staff", "moderator", "admin"):
        client.force_login(people[who])
        assert (
            client.post(f"/ics/qyg/ideas/{idea.pk}/change/", fields(title="X")).status_code == 403
        )
    idea.refresh_from_db()
    assert idea.title != "X"


def test_each_person_supports_an_idea_once_and_can_withdraw(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"])
    client.force_login(people["staff"])
    support = f"/ics/qyg/ideas/{idea.pk}/support/"
    assert "You support this idea" in text(client.post(support, follow=True))
    again = client.post(support, follow=True)
    assert "You already support this idea" in text(again)
    assert Support.objects.count() == 1
    page = text(client.get(f"/ics/qyg/ideas/{idea.pk}/"))
    assert "1 person supports this idea" in page and "Withdraw your support" in page
    client.post(f"/ics/qyg/ideas/{idea.pk}/withdraw-support/")
    assert not Support.objects.exists()
    refused = client.post(f"/ics/qyg/ideas/{idea.pk}/withdraw-support/", follow=True)
    assert "You do not support this idea" in text(refused)


def test_the_database_refuses_a_second_support_from_the_same_person(
    people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge)
    Support.objects.create(idea=idea, user=people["staff"])
    with pytest.raises(IntegrityError):
        Support.objects.create(idea=idea, user=people["staff"])


def test_authors_cannot_support_their_own_idea(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"])
    client.force_login(people["author"])
    assert "Support this idea" not in text(client.get(f"/ics/qyg/ideas/{idea.pk}/"))
    refused = client.post(f"/ics/qyg/ideas/{idea.pk}/support/", follow=True)
    assert "You cannot support your own idea" in text(refused)
    assert not Support.objects.exists()


def test_comments_and_replies_go_one_level_deep(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"])
    client.force_login(people["staff"])
    posted = client.post(
        f"/ics/qyg/ideas/{idea.pk}/comments/", {"body": "Great idea", "post_as": "named"}
    )
    comment = Comment.objects.get()
    assert posted["Location"] == f"/ics/qyg/ideas/{idea.pk}/#comment-{comment.pk}"
    reply_url = f"/ics/qyg/ideas/{idea.pk}/comments/{comment.pk}/reply/"
    client.post(reply_url, {"body": "Agreed", "post_as": "colleague"})
    reply = Comment.objects.get(parent=comment)
    assert reply.anonymous

    before = snapshot()
    deeper = client.post(
        f"/ics/qyg/ideas/{idea.pk}/comments/{reply.pk}/reply/", {"body": "No", "post_as": "named"}
    )
    assert deeper.status_code == 400
    assert error_summary(deeper) == ["You can reply to a comment, but not to a reply"]
    assert snapshot() == before
    page = text(client.get(f"/ics/qyg/ideas/{idea.pk}/"))
    assert "Priya Shah" in page and "Great idea" in page and "A colleague" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": "", "post_as": "named"}, "Enter your comment"),
        ({"body": "x" * 2001, "post_as": "named"}, "Your comment must be 2000 characters or fewer"),
        ({"body": "Hi"}, "Select how you want to post your comment"),
    ],
)
def test_bad_comments_get_nhs_errors_and_change_nothing(
    client: Client, people: dict[str, Any], challenge: Any, data: dict[str, str], message: str
) -> None:
    idea = IdeaFactory(challenge=challenge)
    client.force_login(people["staff"])
    response = client.post(f"/ics/qyg/ideas/{idea.pk}/comments/", data)
    assert response.status_code == 200 and error_summary(response) == [message]
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_on_another_idea_is_not_found(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea, other = IdeaFactory(challenge=challenge), IdeaFactory(challenge=challenge)
    comment = CommentFactory(idea=other)
    client.force_login(people["staff"])
    url = f"/ics/qyg/ideas/{idea.pk}/comments/{comment.pk}/reply/"
    assert client.post(url, {"body": "x", "post_as": "named"}).status_code == 404


def test_a_post_is_reported_once_per_person(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"])
    comment = CommentFactory(idea=idea, author=people["author"])
    client.force_login(people["staff"])
    for url in (
        f"/ics/qyg/ideas/{idea.pk}/report/",
        f"/ics/qyg/ideas/{idea.pk}/comments/{comment.pk}/report/",
    ):
        assert client.post(url, {"reason": "Names a patient"}).status_code == 302
        again = client.post(url, {"reason": "Still bad"})
        noun = "comment" if "comments" in url else "idea"
        assert error_summary(again) == [f"You have already reported this {noun}"]
    assert Report.objects.count() == 2
    assert "Report this idea" not in text(client.get(f"/ics/qyg/ideas/{idea.pk}/"))


def test_reports_need_a_reason_and_authors_cannot_report_themselves(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"])
    client.force_login(people["staff"])
    for reason, message in [
        ("", "Enter why it is inappropriate"),
        ("x" * 501, "Why is it inappropriate? must be 500 characters or fewer"),
    ]:
        assert error_summary(
            client.post(f"/ics/qyg/ideas/{idea.pk}/report/", {"reason": reason})
        ) == [message]
    client.force_login(people["author"])
    own = client.post(f"/ics/qyg/ideas/{idea.pk}/report/", {"reason": "Mine"})
    assert error_summary(own) == ["You cannot report your own idea"]
    assert not Report.objects.exists()


def test_ideas_that_do_not_exist_are_not_found(client: Client, people: dict[str, Any]) -> None:
    client.force_login(people["admin"])
    for url in ["/ics/qyg/ideas/999999/", "/ics/qyg/ideas/challenges/999999/", "/ics/zzz/ideas/"]:
        assert client.get(url).status_code == 404
