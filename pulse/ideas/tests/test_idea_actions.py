"""An idea turned into an action of the plan: an ICS admin is offered the way to do it on the
idea's page, everyone who can see the idea then reads that it is an action (with a link for
those who can read the plan), and "You said, we did" lists the action under the feedback. The
author of an idea posted as "A colleague" is still shown only as "A colleague"."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pulse.actions.models import ActionStatus
from pulse.actions.services import ActionDetails, action_create
from pulse.core.tests.html import soup, text
from pulse.ideas.models import Idea
from pulse.ideas.services.moderation import post_hide
from pulse.ideas.services.pipeline import idea_move
from pulse.ideas.tests.factories import IdeaFactory, stages
from pulse.organisations.tests.factories import ics

pytestmark = pytest.mark.django_db

TURN = "Turn this idea into an action"
NOW_AN_ACTION = "This idea is now an action in the action plan"
SECRETS = ("Zebedee", "Quartermaine", "zeb.q@")


def implemented(challenge: Any, people: dict[str, Any], **fields: Any) -> Idea:
    idea = IdeaFactory(challenge=challenge, author=people["author"], **fields)
    idea_move(
        idea=idea,
        to_stage=stages()["Implemented"],
        feedback="Every trust now protects the time.",
        by=people["moderator"],
    )
    return idea


def make_action(idea: Idea, by: Any, status: str = ActionStatus.IN_PROGRESS, **kw: Any) -> Any:
    return action_create(
        ics=ics("QYG"),
        details=ActionDetails(
            principle="P3",
            title="Protect time for place leads",
            due_on=kw.get("due_on", timezone.localdate() + timedelta(days=30)),
            status=status,
            owner_name="Chief people officers",
            idea=idea,
        ),
        by=by,
    )


def idea_page(client: Client, user: Any, idea: Idea) -> Any:
    client.force_login(user)
    return client.get(f"/ics/qyg/ideas/{idea.pk}/")


def test_only_an_ics_admin_is_offered_to_turn_an_idea_into_an_action(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"])
    page = soup(idea_page(client, people["admin"], idea))
    link = page.find("a", string=TURN)
    assert link is not None and link["href"] == f"/ics/qyg/action-plan/add/?idea={idea.pk}"
    assert client.get(link["href"]).status_code == 200
    for role in ("author", "staff", "moderator", "viewer"):
        assert TURN not in text(idea_page(client, people[role], idea)), role


def test_once_an_action_everyone_reads_so_and_those_who_read_the_plan_follow_it(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"])
    action = make_action(idea, people["admin"])
    href = f"/ics/qyg/action-plan/{action.pk}/"
    for role in ("admin", "viewer"):
        page = soup(idea_page(client, people[role], idea))
        words = " ".join(page.get_text(" ").split())
        assert NOW_AN_ACTION in words and "Status: In progress" in words, role
        assert page.find("a", string="Protect time for place leads")["href"] == href
        assert TURN not in words
    for role in ("author", "staff", "moderator"):
        page = soup(idea_page(client, people[role], idea))
        words = " ".join(page.get_text(" ").split())
        assert NOW_AN_ACTION in words and "Protect time for place leads" in words, role
        assert not page.select(f'a[href="{href}"]'), role


def test_an_overdue_action_says_so_on_the_idea(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge)
    make_action(idea, people["admin"], due_on=timezone.localdate() - timedelta(days=3))
    assert "Status: In progress, overdue" in text(idea_page(client, people["staff"], idea))


def test_a_hidden_idea_is_not_offered_as_an_action(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge)
    post_hide(post=idea, reason="Duplicate", by=people["moderator"])
    assert TURN not in text(idea_page(client, people["admin"], idea))


def test_you_said_we_did_lists_the_action_under_the_feedback(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    with_action = implemented(challenge, people, title="Protected time")
    implemented(challenge, people, title="No action yet")
    action = make_action(with_action, people["admin"], status=ActionStatus.DONE)

    client.force_login(people["staff"])
    page = soup(client.get("/ics/qyg/ideas/you-said-we-did/"))
    cards = {
        card.h2.get_text().strip(): " ".join(card.get_text(" ").split())
        for card in page.select(".nhsuk-card")
    }
    we_did = cards["Protected time"].split("We did", 1)[1]
    assert we_did.index("Every trust now protects the time.") < we_did.index(
        "In the action plan: Protect time for place leads. Status: Done."
    )
    assert "In the action plan" not in cards["No action yet"]
    assert not page.select(f'a[href="/ics/qyg/action-plan/{action.pk}/"]')

    client.force_login(people["viewer"])
    page = soup(client.get("/ics/qyg/ideas/you-said-we-did/"))
    link = page.find("a", string="Protect time for place leads")
    assert link["href"] == f"/ics/qyg/action-plan/{action.pk}/"


def test_an_anonymous_ideas_author_is_not_shown_with_its_action(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = implemented(challenge, people, title="Rotating chairs", anonymous=True)
    make_action(idea, people["admin"], status=ActionStatus.DONE)
    pages = [idea_page(client, people[role], idea) for role in ("admin", "moderator", "viewer")]
    for role in ("admin", "moderator", "viewer", "staff"):
        client.force_login(people[role])
        pages.append(client.get("/ics/qyg/ideas/you-said-we-did/"))
    for page in pages:
        content = page.content.decode()
        assert "Protect time for place leads" in content and "A colleague" in content
        for secret in SECRETS:
            assert secret not in content
