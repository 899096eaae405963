"""An idea or comment posted as "A colleague" never shows who wrote it: not to moderators, ICS
admins, viewers, other staff or platform admins, on any page, export, notification or audit
entry. Its author still gets their notifications and can still change it."""

import csv
import io
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from openpyxl import load_workbook

from pulse.core.models import AuditEntry
from pulse.ideas.models import Comment, Idea, Notification
from pulse.ideas.services import ideas as idea_services
from pulse.ideas.services.exports import ideas_file_request
from pulse.ideas.services.moderation import post_hide
from pulse.ideas.services.notifications import challenges_closing_notify
from pulse.ideas.services.pipeline import idea_move
from pulse.ideas.tests.factories import stages
from pulse.ideas.tests.pages import Objects, ics_urls, is_post_only
from pulse.organisations.models import AllowedEmailDomain, Role
from pulse.organisations.tests.factories import ics, member

pytestmark = pytest.mark.django_db

SECRETS = ("Zebedee", "Quartermaine", "zeb.q@")


@pytest.fixture
def posts(people: dict[str, Any], challenge: Any, committed: Any) -> dict[str, Any]:
    """The author posts three ideas and two comments as "A colleague"; others take part."""
    author, staff, moderator = people["author"], people["staff"], people["moderator"]
    named = {"author": author, "anonymous": True, "principles": ["P1"]}
    with committed():
        idea = idea_services.idea_create(
            challenge=challenge, title="Rotating chairs", description="Chairs rotate.", **named
        )
        reported = idea_services.idea_create(
            challenge=challenge, title="Reported idea", description="Text.", **named
        )
        done = idea_services.idea_create(
            challenge=challenge, title="Done idea", description="Done.", **named
        )
        idea_services.idea_support(idea=idea, user=staff)
        idea_services.idea_support(idea=done, user=staff)
        top = idea_services.comment_create(idea=idea, author=staff, body="Great", anonymous=False)
        reply = idea_services.comment_create(
            idea=idea, author=author, body="Thank you", anonymous=True, parent=top
        )
        own = idea_services.comment_create(idea=idea, author=author, body="More", anonymous=True)
        theirs = idea_services.idea_create(
            challenge=challenge,
            author=staff,
            anonymous=False,
            title="Staff idea",
            description="Named.",
            principles=[],
        )
        idea_services.comment_create(idea=theirs, author=author, body="Yes", anonymous=True)
        idea_services.report_create(reporter=staff, idea=reported, reason="Off topic")
        idea_services.report_create(reporter=staff, comment=reply, reason="Rude")
        post_hide(post=own, reason="Duplicate", by=moderator)
        names = stages()
        idea_move(idea=idea, to_stage=names["Shortlisted"], feedback="Good", by=moderator)
        idea_move(idea=done, to_stage=names["Implemented"], feedback="Done", by=moderator)
        challenges_closing_notify(today=challenge.closes_on)
        for file_format in ("csv", "xlsx"):
            ideas_file_request(challenge=challenge, file_format=file_format, by=moderator)
    return {"idea": idea, "reported": reported, "done": done, "reply": reply, "own": own}


def urls_for(posts: dict[str, Any]) -> list[str]:
    domain = AllowedEmailDomain.objects.create(ics=ics("QYG"), domain="example.nhs.uk")
    urls: set[str] = set()
    for idea in (posts["idea"], posts["reported"], posts["done"]):
        for comment in (posts["reply"], posts["own"]):
            found = Objects(idea.challenge, idea, comment, idea.stage, domain)
            urls.update(url for url in ics_urls("QYG", found) if not is_post_only(url))
    return [*sorted(urls), "/platform/audit-log/", "/home/"]


def assert_hidden(content: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in content, f"{secret!r} shown on {where}"


@pytest.mark.parametrize("who", ["moderator", "admin", "staff", "viewer", "platform_admin"])
def test_no_page_shows_the_author_to_anyone_else(
    client: Client, people: dict[str, Any], posts: dict[str, Any], who: str
) -> None:
    viewer = people.get(who) or member(Role.STAFF, is_superuser=True, full_name="Pat Platform")
    if who == "platform_admin":
        viewer.is_superuser = True
        viewer.save()
    client.force_login(viewer)
    seen = 0
    for url in urls_for(posts):
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 200:
            seen += 1
            assert_hidden(response.content.decode("utf-8", "replace"), url)
            if url.endswith(".xlsx"):
                book = load_workbook(io.BytesIO(response.content))
                cells = [str(c) for row in book.active.iter_rows(values_only=True) for c in row]
                assert_hidden(" ".join(cells), url)
    assert seen >= 8


def test_the_exports_say_a_colleague(
    client: Client, people: dict[str, Any], posts: dict[str, Any]
) -> None:
    client.force_login(people["moderator"])
    challenge = posts["idea"].challenge.pk
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(f"/ics/qyg/ideas/challenges/{challenge}/ideas.csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    by = {row["Title"]: row["Posted by"] for row in rows}
    assert by == {
        "Rotating chairs": "A colleague",
        "Reported idea": "A colleague",
        "Done idea": "A colleague",
        "Staff idea": "Priya Shah",
    }


def test_notifications_and_emails_to_others_never_name_the_author(
    people: dict[str, Any], posts: dict[str, Any]
) -> None:
    author = people["author"]
    to_others = [m for m in mail.outbox if m.to != [author.email]]
    assert any("A colleague commented on your idea" in m.body for m in to_others)
    for message in to_others:
        assert_hidden(message.subject + message.body, f"email to {message.to}")
    for note in Notification.objects.exclude(user=author):
        assert_hidden(note.text, f"notification to {note.user}")
    for entry in AuditEntry.objects.all():
        assert_hidden(f"{entry.actor_label} {entry.target_label} {entry.details}", entry.action)


def test_the_author_is_still_told_and_sees_their_own_posts_as_a_colleague(
    client: Client, people: dict[str, Any], posts: dict[str, Any]
) -> None:
    author = people["author"]
    kinds = set(Notification.objects.filter(user=author).values_list("kind", flat=True))
    assert {"stage_change_mine", "comment_on_mine", "post_hidden"} <= kinds
    assert any(m.to == [author.email] and "Shortlisted" in m.subject for m in mail.outbox)

    client.force_login(author)
    page = client.get(f"/ics/qyg/ideas/{posts['idea'].pk}/").content.decode()
    assert "You posted this idea as \u201cA colleague\u201d" in page
    assert "Posted by A colleague" in page
    assert "A moderator hid your comment. The reason they gave: Duplicate" in page
    # Their name appears only in the comment form's hint about posting with their name.
    assert page.count("Zebedee") == page.count("sees it was posted by Zebedee Quartermaine") == 1
    mine = client.get("/ics/qyg/ideas/my-ideas/").content.decode()
    assert "Rotating chairs" in mine and "Done idea" in mine


def test_only_the_author_may_change_an_anonymous_idea(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = idea_services.idea_create(
        challenge=challenge,
        author=people["author"],
        anonymous=True,
        title="Mine",
        description="Text",
        principles=[],
    )
    for who in ("moderator", "admin", "staff"):
        client.force_login(people[who])
        assert client.get(f"/ics/qyg/ideas/{idea.pk}/change/").status_code == 403
    client.force_login(people["author"])
    assert client.get(f"/ics/qyg/ideas/{idea.pk}/change/").status_code == 200


def test_the_django_admin_does_not_offer_ideas_or_comments() -> None:
    from django.contrib import admin

    assert Idea not in admin.site._registry
    assert Comment not in admin.site._registry


def test_the_author_comments_on_their_anonymous_idea_as_a_colleague_unless_they_choose(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = idea_services.idea_create(
        challenge=challenge,
        author=people["author"],
        anonymous=True,
        title="Mine",
        description="Text",
        principles=[],
    )
    client.force_login(people["author"])
    page = client.get(f"/ics/qyg/ideas/{idea.pk}/").content.decode()
    assert 'value="colleague" checked' in page
    client.force_login(people["staff"])
    page = client.get(f"/ics/qyg/ideas/{idea.pk}/").content.decode()
    assert "checked" not in page
