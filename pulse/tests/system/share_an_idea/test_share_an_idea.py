"""Journey: a member of staff signs in with an emailed link, shares an idea; a colleague supports
it and comments; the design group shortlists it with feedback; the author sees the feedback and
the notification. Every page passes the page checks (axe, landmarks, CSP)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from pulse.accounts.tests.factories import PASSWORD
from pulse.ideas.tests.factories import ChallengeFactory, stages
from pulse.organisations.models import AllowedEmailDomain, Role
from pulse.organisations.tests.factories import ics, member
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LINK = re.compile(r"https?://\S+?(/ideas/sign-in/link/\?token=\S+)")
CHALLENGE = "Protected time to lead"


def sign_in_by_email(page: Page, email: str) -> None:
    """Ask for a link, read it from the email the worker sent, and follow it."""
    sent = len(mail.outbox)
    page.goto("/ideas/sign-in/?ics=qyg")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to share ideas")
    check_page(page)
    page.get_by_label("Work email address").fill(email)
    page.get_by_label("Your integrated care system").select_option("QYG")
    page.get_by_role("button", name="Email me a sign-in link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check_page(page)
    assert len(mail.outbox) == sent + 1 and mail.outbox[-1].to == [email]
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    page.goto(match.group(1))
    # The token is gone from the address as soon as the link is followed.
    assert "token" not in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sign in to Cheshire and Merseyside's ideas"
    )
    check_page(page)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()


def open_the_idea(page: Page, title: str) -> None:
    page.get_by_role("link", name=CHALLENGE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CHALLENGE)
    check_page(page)
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    check_page(page)


IDEA = "Leadership time in job plans"
FEEDBACK = "The design group will pilot this with two trusts from April."


def a_new_member_of_staff_signs_in_by_email(page: Page) -> None:
    sign_in_by_email(page, "nia.jones@wirral.nhs.uk")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your name")
    check_page(page)
    page.get_by_label("Your name").fill("Nia Jones")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ideas")
    expect(page.get_by_text("You are signed in to Cheshire and Merseyside's ideas")).to_be_visible()
    check_page(page)


def they_post_an_idea_after_fixing_a_mistake(page: Page) -> None:
    page.get_by_role("link", name=CHALLENGE).click()
    check_page(page)
    page.get_by_role("button", name="Add your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add your idea")
    check_page(page)
    page.get_by_label("Title").fill(IDEA)
    page.get_by_role("button", name="Post your idea").click()
    expect(page.get_by_role("alert")).to_contain_text("Describe your idea")
    assert page.title().startswith("Error:")
    check_page(page)
    page.get_by_label("Describe your idea").fill(
        "Put two sessions a month of system leadership time in every clinical lead's job plan."
    )
    page.get_by_label("P3: Protected time, support, data and infrastructure").check()
    page.get_by_label("With my name").check()
    page.get_by_role("button", name="Post your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)
    expect(page.get_by_text("Posted by Nia Jones on")).to_be_visible()
    expect(page.get_by_text("New", exact=True)).to_be_visible()
    check_page(page)


def a_colleague_supports_and_comments(page: Page) -> None:
    sign_in_by_email(page, "priya@wirral.nhs.uk")
    page.get_by_role("button", name="Continue").click()
    open_the_idea(page, IDEA)
    page.get_by_role("button", name="Support this idea").click()
    expect(page.get_by_text("1 person supports this idea")).to_be_visible()
    check_page(page)
    page.get_by_label("Add a comment").fill("We tried this in Sefton and it worked.")
    page.get_by_label("With my name").check()
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("We tried this in Sefton and it worked.")).to_be_visible()
    check_page(page)


def the_design_group_shortlists_it_with_feedback(page: Page) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill("owen@cheshire.example.nhs.uk")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/ics/qyg/ideas/")
    check_page(page)
    open_the_idea(page, IDEA)
    page.get_by_role("link", name="Move to another stage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Move the idea to another stage")
    check_page(page)
    page.get_by_label("Shortlisted").check()
    page.get_by_role("button", name="Move idea").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter feedback for the author and supporters"
    )
    check_page(page)
    page.get_by_label("Feedback for the author and supporters").fill(FEEDBACK)
    page.get_by_role("button", name="Move idea").click()
    expect(page.get_by_text(f"{IDEA} moved to Shortlisted")).to_be_visible()
    check_page(page)


def the_author_is_told_and_sees_the_feedback(page: Page) -> None:
    sign_in_by_email(page, "nia.jones@wirral.nhs.uk")
    page.get_by_role("button", name="Continue").click()
    notifications = page.get_by_role("link", name="Your notifications (2 new)")
    expect(notifications).to_be_visible()
    notifications.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your notifications")
    check_page(page)
    expect(page.get_by_text(f"Priya Shah commented on your idea {IDEA}")).to_be_visible()
    page.get_by_role("link", name=f"Your idea {IDEA} moved to Shortlisted").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)
    expect(page.get_by_text("Moved from New to Shortlisted")).to_be_visible()
    expect(page.get_by_text(FEEDBACK)).to_be_visible()
    check_page(page)
    to_nia = [m.subject for m in mail.outbox if m.to == ["nia.jones@wirral.nhs.uk"]]
    assert "Your idea has moved to Shortlisted" in to_nia
    assert f"New comment on your idea: {IDEA}" in to_nia


def test_an_idea_is_shared_supported_shortlisted_and_its_author_sees_the_feedback(
    page: Page,
) -> None:
    # Given an ICS that lets wirral.nhs.uk addresses sign in, with a challenge open for ideas,
    # a colleague who already has an account and a member of the design group
    AllowedEmailDomain.objects.create(ics=ics("QYG"), domain="wirral.nhs.uk")
    stages()
    ChallengeFactory(title=CHALLENGE, question="How could we free up time for leaders?")
    member(Role.STAFF, email="priya@wirral.nhs.uk", full_name="Priya Shah")
    member(Role.IDEA_MODERATOR, email="owen@cheshire.example.nhs.uk", full_name="Owen Okoro")

    # When a new member of staff signs in with an emailed link, giving their name,
    # and posts an idea to the open challenge
    a_new_member_of_staff_signs_in_by_email(page)
    they_post_an_idea_after_fixing_a_mistake(page)
    sign_out(page)
    # and a colleague supports it and comments on it
    a_colleague_supports_and_comments(page)
    sign_out(page)
    # and the design group shortlists it with feedback
    the_design_group_shortlists_it_with_feedback(page)
    sign_out(page)

    # Then the author, signing in again, sees the notification and the feedback, and was
    # emailed about the comment and the move
    the_author_is_told_and_sees_the_feedback(page)
