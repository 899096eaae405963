"""The demo has an allowed sign-in domain, an open and a closed challenge, and about 30 ideas at
every stage with supports, comments, replies and feedback; loading it again changes nothing."""

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pulse.core.tests.html import text
from pulse.ideas.models import Challenge, Comment, Idea, Report, StageChange, Support
from pulse.nonprod.demo import build_users, demo_ics
from pulse.nonprod.ideas_demo import build_ideas, load_challenges
from pulse.organisations.models import AllowedEmailDomain

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    models: list[Any] = [Challenge, Idea, Support, Comment, StageChange, Report, AllowedEmailDomain]
    return tuple(model.objects.count() for model in models)


def test_the_demo_ideas_cover_every_stage_and_load_once() -> None:
    ics = demo_ics()
    build_users(ics)
    build_ideas(ics)
    today = timezone.localdate()
    challenges = list(Challenge.objects.for_ics(ics))
    assert sorted(c.is_open_on(today) for c in challenges) == [False, True]
    assert AllowedEmailDomain.objects.filter(ics=ics, domain="demo.example.org").exists()
    ideas = Idea.objects.for_ics(ics)
    assert 28 <= ideas.count() <= 32
    assert set(ideas.values_list("stage__name", flat=True)) == {
        "New",
        "Under review",
        "Shortlisted",
        "In development",
        "Implemented",
        "Not taken forward",
    }
    assert ideas.filter(anonymous=True).count() >= 5
    assert Support.objects.count() > 30 and StageChange.objects.count() > 20
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert Report.objects.filter(outcome="open").count() == 1
    assert not ideas.filter(created_at__gt=timezone.now()).exists()

    before = counts()
    build_ideas(ics)
    assert counts() == before


def test_the_demo_content_is_well_formed() -> None:
    for challenge in load_challenges():
        for idea in challenge.ideas:
            final = idea.stage in {"Implemented", "Not taken forward"}
            assert bool(idea.outcome) or not final, idea.title


def test_the_demo_moderator_sees_the_pipeline_and_the_queue(client: Client) -> None:
    from pulse.accounts.models import User

    ics = demo_ics()
    build_users(ics)
    build_ideas(ics)
    client.force_login(User.objects.get(email="idea-moderator@demo.example.org"))
    assert "Moderation queue (1 report waiting)" in text(client.get("/ics/qyg/ideas/"))
    outcomes = text(client.get("/ics/qyg/ideas/you-said-we-did/"))
    assert "Rotate the chair of place partnership boards" in outcomes


def test_the_demo_turns_three_ideas_into_actions_once(client: Client) -> None:
    from pulse.accounts.models import User
    from pulse.actions.models import Action

    ics = demo_ics()
    build_users(ics)
    build_ideas(ics)
    linked = list(Action.objects.for_ics(ics).filter(idea__isnull=False).select_related("idea"))
    assert len(linked) == 3
    assert {a.idea.stage.name for a in linked} == {"Implemented", "In development"}
    assert any(a.idea.anonymous for a in linked)
    build_ideas(ics)
    assert Action.objects.count() == 3

    client.force_login(User.objects.get(email="staff@demo.example.org"))
    outcomes = text(client.get("/ics/qyg/ideas/you-said-we-did/"))
    assert (
        "In the action plan: Publish who sits on each decision-making group and what it decides."
        " Status: Done." in outcomes
    )
