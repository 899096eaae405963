"""Who may do what in an ICS's ideas space: viewers read, staff take part, moderators (the
design group) run the pipeline and moderation, ICS admins also set up challenges, stages and
the email domains that can sign in. Analysts and panel members have no part in ideas."""

from typing import Any

import pytest
from django.test import Client

from pulse.ideas.models import Support
from pulse.ideas.tests.factories import CommentFactory, IdeaFactory, stages
from pulse.organisations.models import AllowedEmailDomain, Role
from pulse.organisations.tests.factories import MembershipFactory, UserFactory, ics, member

pytestmark = pytest.mark.django_db

READ = [
    "",
    "challenges/{c}/",
    "{i}/",
    "notifications/",
    "notifications/settings/",
    "you-said-we-did/",
]
TAKE_PART = [
    "challenges/{c}/ideas/add/",
    "{i}/report/",
    "{i}/comments/{m}/report/",
    "{i}/comments/{m}/reply/",
    "my-ideas/",
]
MODERATE = [
    "{i}/move/",
    "moderation/",
    "moderation/idea/{i}/hide/",
    "moderation/idea/{i}/keep/",
    "moderation/comment/{m}/show-again/",
    "challenges/{c}/downloads/",
]
MANAGE = [
    "challenges/add/",
    "challenges/{c}/change/",
    "stages/",
    "stages/add/",
    "stages/{s}/change/",
    "stages/{s}/remove/",
    "sign-in-domains/",
    "sign-in-domains/add/",
    "sign-in-domains/{d}/remove/",
]

ALLOWED = {
    Role.ICS_ADMIN: READ + TAKE_PART + MODERATE + MANAGE,
    Role.IDEA_MODERATOR: READ + TAKE_PART + MODERATE,
    Role.STAFF: READ + TAKE_PART,
    Role.ICS_VIEWER: READ,
    Role.PANEL_MEMBER: [],
}


@pytest.fixture
def ids(challenge: Any) -> dict[str, int]:
    idea = IdeaFactory(challenge=challenge, author=UserFactory())
    return {
        "c": challenge.pk,
        "i": idea.pk,
        "m": CommentFactory(idea=idea, author=UserFactory()).pk,
        "s": stages()["Shortlisted"].pk,
        "d": AllowedEmailDomain.objects.create(ics=ics("QYG"), domain="wirral.nhs.uk").pk,
    }


def url(template: str, ids: dict[str, int]) -> str:
    return "/ics/qyg/ideas/" + template.format(**ids)


@pytest.mark.parametrize("role", list(ALLOWED))
def test_each_role_reaches_only_its_pages(client: Client, ids: dict[str, int], role: Role) -> None:
    client.force_login(member(role))
    for template in READ + TAKE_PART + MODERATE + MANAGE:
        expected = 200 if template in ALLOWED[role] else 403
        assert client.get(url(template, ids)).status_code == expected, (role, template)


def test_analysts_have_no_part_in_ideas(client: Client, ids: dict[str, int]) -> None:
    user = UserFactory()
    MembershipFactory(user=user, role=Role.REGIONAL_ANALYST, ics=None, region=ics("QYG").region)
    client.force_login(user)
    for template in READ + TAKE_PART:
        assert client.get(url(template, ids)).status_code == 403, template


def test_a_platform_admin_may_use_every_page(client: Client, ids: dict[str, int]) -> None:
    client.force_login(UserFactory(is_superuser=True))
    for template in READ + TAKE_PART + MODERATE + MANAGE:
        assert client.get(url(template, ids)).status_code == 200, template


def test_a_viewer_cannot_support_comment_or_report(client: Client, ids: dict[str, int]) -> None:
    client.force_login(member(Role.ICS_VIEWER))
    for template, data in [
        ("{i}/support/", {}),
        ("{i}/comments/", {"body": "Hello", "post_as": "named"}),
        ("{i}/report/", {"reason": "Rude"}),
    ]:
        assert client.post(url(template, ids), data).status_code == 403
    assert not Support.objects.exists()


def test_the_ideas_section_is_in_the_navigation_only_for_roles_that_can_read_it(
    client: Client, ids: dict[str, int]
) -> None:
    client.force_login(member(Role.STAFF))
    assert 'href="/ics/qyg/ideas/"' in client.get("/ics/qyg/").content.decode()
    client.force_login(member(Role.PANEL_MEMBER))
    assert 'href="/ics/qyg/ideas/"' not in client.get("/ics/qyg/").content.decode()


def test_staff_see_only_the_links_their_role_allows(client: Client, ids: dict[str, int]) -> None:
    client.force_login(member(Role.STAFF))
    page = client.get(url("", ids)).content.decode()
    for hidden in ("Add a challenge", "Moderation queue", "Pipeline stages", "can sign in"):
        assert hidden not in page
    client.force_login(member(Role.ICS_ADMIN))
    page = client.get(url("", ids)).content.decode()
    for shown in ("Add a challenge", "Moderation queue", "Pipeline stages", "can sign in"):
        assert shown in page
