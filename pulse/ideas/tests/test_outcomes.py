""" "You said, we did": implemented ideas with the feedback given when they were put into
practice, for everyone in the ICS who can see ideas."""

from typing import Any

import pytest
from django.test import Client

from pulse.core.tests.html import text
from pulse.ideas.services.moderation import post_hide
from pulse.ideas.services.pipeline import idea_move
from pulse.ideas.tests.factories import IdeaFactory, stages

pytestmark = pytest.mark.django_db


def test_implemented_ideas_are_shown_with_what_was_done(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    names = stages()
    done = IdeaFactory(
        challenge=challenge,
        author=people["staff"],
        title="Shared induction",
        description="One induction for all new clinical leads.",
    )
    idea_move(idea=done, to_stage=names["Shortlisted"], feedback="Testing", by=people["moderator"])
    idea_move(
        idea=done,
        to_stage=names["Implemented"],
        feedback="Running since March in all trusts.",
        by=people["moderator"],
    )
    hidden = IdeaFactory(challenge=challenge, title="Hidden done", stage=names["Implemented"])
    post_hide(post=hidden, reason="Duplicate", by=people["moderator"])
    IdeaFactory(challenge=challenge, title="Still new")

    client.force_login(people["viewer"])
    page = text(client.get("/ics/qyg/ideas/you-said-we-did/"))
    assert "Shared induction" in page and "One induction for all new clinical leads." in page
    assert "Running since March in all trusts." in page and "Testing" not in page
    assert "posted by Priya Shah" in page
    assert "Hidden done" not in page and "Still new" not in page


def test_the_page_says_when_nothing_is_implemented_yet(
    client: Client, people: dict[str, Any]
) -> None:
    client.force_login(people["staff"])
    assert "No ideas have been put into practice yet" in text(
        client.get("/ics/qyg/ideas/you-said-we-did/")
    )


def test_a_renamed_implemented_stage_still_counts(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    stage = stages()["Implemented"]
    stage.name = "Done"
    stage.save()
    idea = IdeaFactory(challenge=challenge, title="Renamed")
    idea_move(idea=idea, to_stage=stage, feedback="Done it", by=None)
    client.force_login(people["staff"])
    assert "Renamed" in text(client.get("/ics/qyg/ideas/you-said-we-did/"))
