"""Factories and helpers for the ideas tests."""

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from pulse.ideas.models import Challenge, Comment, Idea, Stage, Support
from pulse.ideas.services.stages import stage_defaults_ensure
from pulse.organisations.tests.factories import ics


def stages(ods_code: str = "QYG") -> dict[str, Stage]:
    """The ICS's stages by name, creating the default pipeline if needed."""
    return {stage.name: stage for stage in stage_defaults_ensure(ics=ics(ods_code))}


def first_stage(ods_code: str = "QYG") -> Stage:
    return stage_defaults_ensure(ics=ics(ods_code))[0]


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    ics = factory.LazyFunction(ics)
    title = factory.Sequence(lambda n: f"Challenge {n}")
    question = "How could leaders of every profession be part of decisions at place?"
    description = "We want ideas that work across organisations."
    principles = "P1"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=21))


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    challenge = factory.SubFactory(ChallengeFactory)
    ics = factory.LazyAttribute(lambda o: o.challenge.ics)
    author = None
    anonymous = False
    title = factory.Sequence(lambda n: f"Idea {n}")
    description = "Protect two hours a month for leaders to work on system priorities."
    principles = "P3"
    stage = factory.LazyAttribute(lambda o: first_stage(o.challenge.ics.ods_code))


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author = None
    body = "I agree: this would help in primary care too."


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)


def fields(**overrides: Any) -> dict[str, Any]:
    """A valid idea form post."""
    data = {
        "title": "Shared learning sets",
        "description": "Monthly sets across trusts.",
        "post_as": "named",
    }
    data.update(overrides)
    return data
