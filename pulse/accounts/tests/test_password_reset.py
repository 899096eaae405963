import re

import pytest
from django.core import mail
from django.test import Client

from pulse.accounts.tests.factories import UserFactory
from pulse.core.tests.html import error_summary, soup

pytestmark = pytest.mark.django_db


def request_link(client: Client, email: str, capture: object) -> object:
    with capture(execute=True):  # type: ignore[operator]
        return client.post("/password-reset/", {"email": email})


def link_in(message: mail.EmailMessage) -> str:
    return (
        re.search(r"http://\S+/password-reset/\S+/\S+/", message.body).group(0).split("8000", 1)[-1]
    )


def test_a_person_resets_their_password_by_emailed_link(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    user = UserFactory(email="viewer@example.nhs.uk")
    response = request_link(client, "viewer@example.nhs.uk", django_capture_on_commit_callbacks)
    assert response["Location"] == "/password-reset/sent/"
    assert (
        len(mail.outbox) == 1 and mail.outbox[0].subject == "Reset your Leadership Pulse password"
    )

    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    assert soup(form_page).h1.get_text(strip=True) == "Set a new password"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    assert done["Location"] == "/password-reset/done/"
    user.refresh_from_db()
    assert user.check_password("a-new-long-passphrase")


def test_a_used_link_shows_that_it_has_expired(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    UserFactory(email="viewer@example.nhs.uk")
    request_link(client, "viewer@example.nhs.uk", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    again = client.get(link, follow=True)
    assert soup(again).h1.get_text(strip=True) == "This link has expired"


def test_an_unknown_email_gets_the_same_page_and_no_email(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    response = request_link(client, "nobody@example.nhs.uk", django_capture_on_commit_callbacks)
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_mismatched_or_weak_passwords_are_explained(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    user = UserFactory(email="viewer@example.nhs.uk")
    request_link(client, "viewer@example.nhs.uk", django_capture_on_commit_callbacks)
    form_url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    mismatch = client.post(
        form_url,
        {"new_password1": "a-new-long-passphrase", "new_password2": "different-passphrase"},
    )
    assert "The passwords do not match. Enter the same password twice." in error_summary(mismatch)
    weak = client.post(form_url, {"new_password1": "password", "new_password2": "password"})
    assert any("too short" in e or "too common" in e for e in error_summary(weak))
    user.refresh_from_db()
    assert user.check_password("correct-horse-battery-staple")
