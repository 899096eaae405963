"""Fixtures for the ideas tests: people with each role in Cheshire and Merseyside (QYG), a
challenge open for ideas, and a way to run the emails queued for when a transaction commits."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from pulse.ideas.models import Challenge
from pulse.ideas.tests.factories import ChallengeFactory, stages
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """`with committed():` runs what was queued for the end of the transaction (emails sent by
    the worker, which runs tasks at once in tests) when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def people(db: None) -> dict[str, Any]:
    return {
        "author": member(Role.STAFF, full_name="Zebedee Quartermaine", email="zeb.q@wirral.nhs.uk"),
        "staff": member(Role.STAFF, full_name="Priya Shah", email="priya@wirral.nhs.uk"),
        "moderator": member(Role.IDEA_MODERATOR, full_name="Owen Moderator"),
        "admin": member(Role.ICS_ADMIN, full_name="Aisha Admin"),
        "viewer": member(Role.ICS_VIEWER, full_name="Victor Viewer"),
    }


@pytest.fixture
def challenge(db: None) -> Challenge:
    stages()
    return ChallengeFactory(title="Protected time to lead")


@pytest.fixture
def as_user(client: Client) -> Callable[[Any], Client]:
    def sign_in(user: Any) -> Client:
        client.force_login(user)
        return client

    return sign_in
