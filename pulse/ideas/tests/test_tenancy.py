"""Staff of one ICS never see or change another ICS's challenges, ideas, comments, stages or
email domains, whichever URL they use."""

from typing import Any

import pytest
from django.test import Client

from pulse.ideas.models import Challenge, Comment, Idea, Stage
from pulse.ideas.tests.factories import ChallengeFactory, CommentFactory, IdeaFactory, stages
from pulse.ideas.tests.pages import Objects, ics_urls, is_post_only, object_urls
from pulse.organisations.models import AllowedEmailDomain, Role
from pulse.organisations.tests.factories import ics, member

pytestmark = pytest.mark.django_db

ROLES = [Role.STAFF, Role.IDEA_MODERATOR, Role.ICS_ADMIN, Role.ICS_VIEWER]


def objects_in(ods: str, title: str) -> Objects:
    stage = stages(ods)["Under review"]
    challenge = ChallengeFactory(ics=ics(ods), title=title)
    idea = IdeaFactory(challenge=challenge, title=f"{title} idea")
    return Objects(
        challenge=challenge,
        idea=idea,
        comment=CommentFactory(idea=idea, body=f"{title} comment"),
        stage=stage,
        domain=AllowedEmailDomain.objects.create(ics=ics(ods), domain=f"{ods.lower()}.nhs.uk"),
    )


@pytest.fixture
def london() -> Objects:
    return objects_in("QMJ", "London secret")


def snapshot() -> list[Any]:
    return [
        list(Challenge.objects.values()),
        list(Idea.objects.values()),
        list(Comment.objects.values()),
        list(Stage.objects.values()),
        list(AllowedEmailDomain.objects.values()),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_another_ics_is_forbidden(
    client: Client, london: Objects, role: Role
) -> None:
    client.force_login(member(role, "QYG"))
    before = snapshot()
    for url in ics_urls("QMJ", london):
        if not is_post_only(url):
            response = client.get(url)
            assert response.status_code == 403, url
            assert b"London secret" not in response.content
        # Forms refuse the person (403); pages that only show things refuse POST outright (405).
        response = client.post(
            url, {"name": "Hacked", "reason": "x", "body": "x", "direction": "up"}
        )
        assert response.status_code in {403, 405}, url
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_another_ics_objects_are_not_found_through_your_own_ics(
    client: Client, london: Objects, role: Role
) -> None:
    objects_in("QYG", "Our own")  # so our ICS has stages and a challenge of its own
    client.force_login(member(role, "QYG"))
    before = snapshot()
    for url in object_urls("QYG", london):
        if not is_post_only(url):
            response = client.get(url)
            assert response.status_code in {403, 404}, url
            assert b"London secret" not in response.content
        post = client.post(url, {"name": "Hacked", "reason": "x", "body": "x", "direction": "up"})
        assert post.status_code in {403, 404, 405}, url
    assert snapshot() == before


def test_another_ics_challenges_and_ideas_are_never_listed(client: Client, london: Objects) -> None:
    ours = objects_in("QYG", "Our own")
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    for url in [
        "/ics/qyg/ideas/",
        f"/ics/qyg/ideas/challenges/{ours.challenge.pk}/",
        "/ics/qyg/ideas/moderation/",
        "/ics/qyg/ideas/you-said-we-did/",
        "/ics/qyg/ideas/stages/",
        "/ics/qyg/ideas/sign-in-domains/",
        f"/ics/qyg/ideas/challenges/{ours.challenge.pk}/downloads/",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert b"London secret" not in response.content
        assert b"qmj.nhs.uk" not in response.content


def test_people_who_are_not_signed_in_are_sent_to_sign_in(client: Client, london: Objects) -> None:
    for url in ics_urls("QMJ", london):
        if not is_post_only(url):
            response = client.get(url)
            assert response.status_code == 302 and "/sign-in/" in response["Location"], url
