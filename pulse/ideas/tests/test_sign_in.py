"""Staff sign in by an emailed one-time link, for email domains their ICS allows."""

import hashlib
import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from pulse.accounts.models import User
from pulse.core.models import AuditEntry
from pulse.core.tests.html import error_summary, text
from pulse.ideas.models import SignInLink
from pulse.organisations.models import AllowedEmailDomain, Membership, Role
from pulse.organisations.tests.factories import ics, member

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/ideas/sign-in/link/\?token=(\S+)")


@pytest.fixture(autouse=True)
def domains() -> None:
    AllowedEmailDomain.objects.create(ics=ics("QYG"), domain="wirral.nhs.uk")
    AllowedEmailDomain.objects.create(ics=ics("QMJ"), domain="camden.nhs.uk")


def ask(client: Client, committed: Any, email: str, ods: str = "QYG") -> Any:
    with committed():
        return client.post("/ideas/sign-in/", {"email": email, "ics": ods})


def emailed_link(index: int = -1) -> str:
    match = LINK.search(mail.outbox[index].body)
    assert match, mail.outbox[index].body
    return match.group(0)


def path_of(link: str) -> str:
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_a_new_person_gets_a_link_and_becomes_staff_with_the_name_they_give(
    client: Client, committed: Any
) -> None:
    response = ask(client, committed, "  New.Person@Wirral.NHS.uk ")
    assert (
        response.status_code == 302 and response["Location"] == "/ideas/sign-in/check-your-email/"
    )
    assert "Check your email" in text(client.get(response["Location"]))
    assert mail.outbox[0].to == ["new.person@wirral.nhs.uk"]

    followed = client.get(path_of(emailed_link()))
    # The token leaves the address bar at once: the next page's URL has no query string.
    assert followed.status_code == 302 and followed["Location"] == "/ideas/sign-in/continue/"
    page = client.get("/ideas/sign-in/continue/")
    assert "This is your first time here" in text(page)
    signed_in = client.post("/ideas/sign-in/continue/", {"full_name": "Nia Jones"})

    assert signed_in["Location"] == "/ics/qyg/ideas/"
    user = User.objects.get(email="new.person@wirral.nhs.uk")
    assert user.full_name == "Nia Jones" and not user.has_usable_password()
    assert list(Membership.objects.filter(user=user).values_list("role", "ics__ods_code")) == [
        (Role.STAFF, "QYG")
    ]
    assert client.get("/ics/qyg/ideas/").status_code == 200
    assert AuditEntry.objects.filter(action="staff_joined_by_email_link").count() == 1


def test_sign_in_is_refused_for_a_domain_the_ics_does_not_allow(
    client: Client, committed: Any
) -> None:
    for email, ods in [("someone@gmail.com", "QYG"), ("someone@camden.nhs.uk", "QYG")]:
        response = ask(client, committed, email, ods)
        assert response.status_code == 200
        assert error_summary(response) == [
            f"You cannot sign in to Cheshire and Merseyside with an email address ending "
            f"@{email.split('@')[1]}. Enter your work email address, or ask your ICS's clinical "
            "and care professional leadership lead which email addresses can be used"
        ]
    assert mail.outbox == []
    assert not SignInLink.objects.exists()


def test_a_subdomain_of_an_allowed_domain_is_not_allowed(client: Client, committed: Any) -> None:
    response = ask(client, committed, "a@trust.wirral.nhs.uk")
    assert "cannot sign in" in error_summary(response)[0]


def test_a_link_cannot_be_used_twice(client: Client, committed: Any) -> None:
    member(Role.STAFF, email="priya@wirral.nhs.uk", full_name="Priya Shah")
    ask(client, committed, "priya@wirral.nhs.uk")
    link = path_of(emailed_link())
    client.get(link)
    assert client.post("/ideas/sign-in/continue/")["Location"] == "/ics/qyg/ideas/"

    other = Client()
    again = other.get(link)
    assert again.status_code == 410
    assert "This sign-in link has already been used" in text(again)
    assert "_auth_user_id" not in other.session


def test_an_expired_link_shows_a_clear_page_and_signs_no_one_in(
    client: Client, committed: Any
) -> None:
    ask(client, committed, "priya@wirral.nhs.uk")
    SignInLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(path_of(emailed_link()))
    assert response.status_code == 410
    assert "This sign-in link has expired" in text(response)
    assert "Ask for a new sign-in link" in text(response)
    assert not User.objects.filter(email="priya@wirral.nhs.uk").exists()


def test_a_link_that_expires_after_it_was_followed_cannot_be_used(
    client: Client, committed: Any
) -> None:
    ask(client, committed, "priya@wirral.nhs.uk")
    client.get(path_of(emailed_link()))
    SignInLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post("/ideas/sign-in/continue/", {"full_name": "Priya"})
    assert response.status_code == 410 and "expired" in text(response)
    assert not User.objects.filter(email="priya@wirral.nhs.uk").exists()


@pytest.mark.parametrize("token", ["", "abc", "x" * 500])
def test_a_made_up_token_shows_a_clear_page(client: Client, token: str) -> None:
    response = client.get("/ideas/sign-in/link/", {"token": token})
    assert response.status_code == 410
    assert "This sign-in link does not work" in text(response)


def test_the_continue_page_without_a_followed_link_signs_no_one_in(client: Client) -> None:
    response = client.post("/ideas/sign-in/continue/", {"full_name": "Mallory"})
    assert response.status_code == 410
    assert "_auth_user_id" not in client.session


def test_only_a_hash_of_a_256_bit_token_is_stored_and_the_link_lasts_30_minutes(
    client: Client, committed: Any
) -> None:
    ask(client, committed, "priya@wirral.nhs.uk")
    token = LINK.search(mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    stored = SignInLink.objects.get()
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(SignInLink.objects.values()))
    lifetime = stored.expires_at - stored.created_at
    assert timedelta(minutes=29) < lifetime <= timedelta(minutes=30)


def test_links_are_limited_to_five_an_hour_for_each_email(client: Client, committed: Any) -> None:
    for _ in range(5):
        assert ask(client, committed, "priya@wirral.nhs.uk").status_code == 302
    refused = ask(client, committed, "Priya@wirral.nhs.uk")
    assert error_summary(refused) == [
        "You have asked for 5 sign-in links in the last hour. Use the link in your latest "
        "email, or wait an hour and ask again"
    ]
    assert len(mail.outbox) == 5
    assert ask(client, committed, "other@wirral.nhs.uk").status_code == 302


def test_an_existing_person_is_not_asked_for_a_name_and_keeps_their_roles(
    client: Client, committed: Any
) -> None:
    moderator = member(Role.IDEA_MODERATOR, email="mod@wirral.nhs.uk", full_name="Owen M")
    ask(client, committed, "mod@wirral.nhs.uk")
    client.get(path_of(emailed_link()))
    assert "This is your first time here" not in text(client.get("/ideas/sign-in/continue/"))
    client.post("/ideas/sign-in/continue/")
    assert list(Membership.objects.filter(user=moderator).values_list("role", flat=True)) == [
        Role.IDEA_MODERATOR
    ]
    moderator.refresh_from_db()
    assert moderator.full_name == "Owen M"


def test_a_first_sign_in_needs_a_name_and_leaves_the_link_usable(
    client: Client, committed: Any
) -> None:
    ask(client, committed, "new@wirral.nhs.uk")
    client.get(path_of(emailed_link()))
    for name, message in [
        ("", "Enter your name"),
        ("x" * 151, "Your name must be 150 characters or fewer"),
    ]:
        response = client.post("/ideas/sign-in/continue/", {"full_name": name})
        assert error_summary(response) == [message]
    assert SignInLink.objects.get().used_at is None
    assert client.post("/ideas/sign-in/continue/", {"full_name": "Nia"}).status_code == 302


def test_an_admin_is_emailed_how_to_sign_in_with_a_password_instead_of_a_link(
    client: Client, committed: Any
) -> None:
    member(Role.ICS_ADMIN, email="lead@wirral.nhs.uk")
    response = ask(client, committed, "lead@wirral.nhs.uk")
    # The page says the same as for anyone, so it reveals nothing about the account.
    assert response["Location"] == "/ideas/sign-in/check-your-email/"
    body = mail.outbox[0].body
    assert "cannot sign in with an emailed link" in body and "/sign-in/" in body
    assert not LINK.search(body)


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({}, ["Enter your work email address", "Select your integrated care system"]),
        (
            {"email": "not-an-email", "ics": "QYG"},
            ["Enter an email address in the correct format, like name@example.nhs.uk"],
        ),
        ({"email": "a@wirral.nhs.uk", "ics": "ZZZ"}, ["Select your integrated care system"]),
        (
            {"email": "a@wirral.nhs.uk", "ics": "QMJ"},
            [
                "You cannot sign in to North Central London with an email address ending "
                "@wirral.nhs.uk. Enter your work email address, or ask your ICS's clinical and "
                "care professional leadership lead which email addresses can be used"
            ],
        ),
    ],
)
def test_bad_requests_get_nhs_errors_and_send_nothing(
    client: Client, committed: Any, data: dict[str, str], messages: list[str]
) -> None:
    with committed():
        response = client.post("/ideas/sign-in/", data)
    assert response.status_code == 200
    assert error_summary(response) == messages
    assert mail.outbox == []


def test_the_sign_in_page_offers_only_systems_that_allow_a_domain(client: Client) -> None:
    page = client.get("/ideas/sign-in/?ics=qyg")
    options = re.findall(r'<option value="([A-Z0-9]*)"', page.content.decode())
    assert sorted(options) == ["", "QMJ", "QYG"]
    assert 'value="QYG" selected' in page.content.decode()


def test_the_token_never_reaches_the_logs(
    client: Client, committed: Any, caplog: pytest.LogCaptureFixture
) -> None:
    ask(client, committed, "priya@wirral.nhs.uk")
    link = path_of(emailed_link())
    token = link.split("token=")[1]
    SignInLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    request_log = logging.getLogger("django.request")  # it does not propagate to the root
    request_log.addHandler(caplog.handler)
    try:
        with caplog.at_level("DEBUG"):
            assert client.get(link).status_code == 410  # logged as a warning by django.request
    finally:
        request_log.removeHandler(caplog.handler)
    assert any("/ideas/sign-in/link/" in record.getMessage() for record in caplog.records)
    assert all(token not in record.getMessage() for record in caplog.records)
