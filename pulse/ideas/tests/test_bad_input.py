"""No input, however odd, makes an ideas page fail: every form answers with a page or a
redirect, never a server error."""

from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulse.ideas.models import Idea
from pulse.ideas.tests.factories import CommentFactory, IdeaFactory, stages
from pulse.ideas.tests.pages import Objects, ics_urls
from pulse.organisations.models import AllowedEmailDomain, Role
from pulse.organisations.tests.factories import UserFactory, ics, member

pytestmark = pytest.mark.django_db

PAYLOADS = [
    {},
    {"title": "", "description": "", "post_as": "", "stage": "", "feedback": ""},
    {"title": "x" * 10_000, "body": "y" * 10_000, "reason": "z" * 10_000, "name": "n" * 1000},
    {"stage": "-1", "kind": "nonsense", "direction": "sideways", "domain": "@@", "page": "x"},
    {"principles": ["P1", "P1", "../"], "kinds": ["x"], "by_email": "maybe", "post_as": "both"},
    {"title": "nul\x00byte", "body": "nul\x00", "opens_on_day": "31", "opens_on_month": "2"},
    {"email": "a@b", "ics": "'; DROP TABLE", "token": "\u202e", "full_name": "\x00"},
]


@pytest.fixture
def objects(challenge: Any) -> Objects:
    idea = IdeaFactory(challenge=challenge, author=UserFactory())
    return Objects(
        challenge=challenge,
        idea=idea,
        comment=CommentFactory(idea=idea, author=UserFactory()),
        stage=stages()["Shortlisted"],
        domain=AllowedEmailDomain.objects.create(ics=ics("QYG"), domain="wirral.nhs.uk"),
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_form_fails_on_odd_input(
    client: Client, objects: Objects, payload: dict[str, Any]
) -> None:
    client.force_login(member(Role.ICS_ADMIN))
    urls = [*ics_urls("QYG", objects), "/ideas/sign-in/", "/ideas/sign-in/continue/"]
    for url in urls:
        assert client.post(url, payload).status_code < 500, url
        assert client.get(url, payload).status_code < 500, url


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(max_size=130),
    description=st.text(max_size=300),
    post_as=st.sampled_from(["named", "colleague", "", "other"]),
)
def test_an_idea_is_either_saved_or_explained(
    client: Client, challenge: Any, title: str, description: str, post_as: str
) -> None:
    client.force_login(member(Role.STAFF))
    before = Idea.objects.count()
    response = client.post(
        f"/ics/qyg/ideas/challenges/{challenge.pk}/ideas/add/",
        {"title": title, "description": description, "post_as": post_as},
    )
    if response.status_code == 302:
        assert Idea.objects.count() == before + 1
    else:
        assert response.status_code == 200 and b"There is a problem" in response.content
        assert Idea.objects.count() == before
