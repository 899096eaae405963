"""Every page of the ideas space, as an ICS admin sees it with ideas at every stage, reports and
hidden posts, passes the page checks; and staff take part without JavaScript."""

import pytest
from playwright.sync_api import Page, expect

from pulse.accounts.tests.factories import PASSWORD
from pulse.ideas.services import ideas as idea_services
from pulse.ideas.services.moderation import post_hide
from pulse.ideas.services.pipeline import idea_move
from pulse.ideas.tests.factories import ChallengeFactory, IdeaFactory, stages
from pulse.organisations.models import AllowedEmailDomain, Role
from pulse.organisations.tests.factories import ics, member
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page: Page, email: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def ideas_at_every_step() -> list[str]:
    """An ICS with ideas, comments, a report, an implemented and a hidden idea; its pages."""
    admin = member(Role.ICS_ADMIN, email="lead@cheshire.example.nhs.uk", full_name="Aisha Khan")
    author = member(Role.STAFF, full_name="Nia Jones")
    staff = member(Role.STAFF, full_name="Priya Shah")
    names = stages()
    domain = AllowedEmailDomain.objects.create(ics=ics("QYG"), domain="wirral.nhs.uk")
    challenge = ChallengeFactory(title="Protected time to lead", finding="41% feel involved")
    idea = idea_services.idea_create(
        challenge=challenge,
        author=author,
        anonymous=True,
        title="Job plans",
        description="Time in job plans.\n\nTwo sessions a month.",
        principles=["P3"],
    )
    comment = idea_services.comment_create(idea=idea, author=staff, body="Yes", anonymous=False)
    reply = idea_services.comment_create(
        idea=idea, author=author, body="Thanks", anonymous=True, parent=comment
    )
    idea_services.idea_support(idea=idea, user=staff)
    idea_services.report_create(reporter=staff, comment=reply, reason="Off topic")
    done = IdeaFactory(challenge=challenge, title="Shared induction")
    idea_move(idea=done, to_stage=names["Implemented"], feedback="Running since March", by=admin)
    hidden = IdeaFactory(challenge=challenge, title="Hidden one")
    post_hide(post=hidden, reason="Duplicate", by=admin)
    return every_page(challenge.pk, idea.pk, comment.pk, reply.pk, hidden.pk, domain.pk)


def every_page(
    challenge: int, idea: int, comment: int, reply: int, hidden: int, domain: int
) -> list[str]:
    base, stage = "/ics/qyg/ideas/", stages()["Shortlisted"].pk
    return [
        base,
        f"{base}challenges/add/",
        f"{base}challenges/{challenge}/",
        f"{base}challenges/{challenge}/?q=zzz&stage=999",
        f"{base}challenges/{challenge}/change/",
        f"{base}challenges/{challenge}/ideas/add/",
        f"{base}challenges/{challenge}/downloads/",
        f"{base}{idea}/",
        f"{base}{idea}/move/",
        f"{base}{idea}/report/",
        f"{base}{idea}/comments/{comment}/reply/",
        f"{base}{idea}/comments/{comment}/report/",
        f"{base}{hidden}/",
        f"{base}my-ideas/",
        f"{base}moderation/",
        f"{base}moderation/comment/{reply}/hide/",
        f"{base}moderation/comment/{reply}/keep/",
        f"{base}moderation/idea/{hidden}/show-again/",
        f"{base}stages/",
        f"{base}stages/add/",
        f"{base}stages/{stage}/change/",
        f"{base}stages/{stage}/remove/",
        f"{base}sign-in-domains/",
        f"{base}sign-in-domains/add/",
        f"{base}sign-in-domains/{domain}/remove/",
        f"{base}notifications/",
        f"{base}notifications/settings/",
        f"{base}you-said-we-did/",
    ]


def test_every_ideas_page_passes_the_page_checks(page: Page) -> None:
    # Given an ICS admin, and ideas at every step of the pipeline and of moderation
    paths = ideas_at_every_step()
    base = "/ics/qyg/ideas/"
    # When they open every page of the ideas space, then each passes the page checks
    sign_in(page, "lead@cheshire.example.nhs.uk")
    for path in paths:
        page.goto(path)
        check_page(page)

    # and so do forms showing errors
    page.goto(f"{base}challenges/add/")
    page.get_by_role("button", name="Save challenge").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a title")
    check_page(page)
    page.goto(f"{base}stages/")
    page.get_by_role("button", name="Move up Under review").click()
    expect(page.get_by_text("Under review moved up")).to_be_visible()
    check_page(page)

    # and the ideas can be prepared as a file, then downloaded
    page.goto(paths[2])
    page.get_by_role("link", name="Download the ideas (CSV or Excel)").click()
    page.get_by_role("button", name="Prepare the CSV file").click()
    link = page.get_by_role("link", name="Download the ideas (CSV file")
    with page.expect_download() as download:
        link.click()
    assert "Job plans" in download.value.path().read_text(encoding="utf-8-sig")
    check_page(page)

    # The sign-in pages, signed out
    page.get_by_role("button", name="Sign out").click()
    for path in [
        "/ideas/sign-in/",
        "/ideas/sign-in/check-your-email/",
        "/ideas/sign-in/link/?token=x",
    ]:
        page.goto(path)
        check_page(page)


def test_staff_support_and_comment_without_javascript(page_without_js: Page) -> None:
    page = page_without_js
    member(Role.STAFF, email="priya@cheshire.example.nhs.uk", full_name="Priya Shah")
    challenge = ChallengeFactory(title="Protected time to lead")
    idea = IdeaFactory(challenge=challenge, title="Job plans")
    sign_in(page, "priya@cheshire.example.nhs.uk")
    page.goto(f"/ics/qyg/ideas/{idea.pk}/")
    page.get_by_role("button", name="Support this idea").click()
    expect(page.get_by_text("1 person supports this idea")).to_be_visible()
    page.get_by_label("Add a comment").fill("Works for us")
    page.get_by_label("As \u201cA colleague\u201d").check()
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Works for us")).to_be_visible()
    expect(page.get_by_text("You posted this as \u201cA colleague\u201d")).to_be_visible()
