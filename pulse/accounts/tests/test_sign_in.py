from datetime import timedelta

import pytest
from django.test import Client, override_settings

from pulse.accounts.tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory, current_code
from pulse.core.tests.html import error_summary, soup
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db

WRONG = "Enter a correct email address and password. If you have forgotten your password, you can reset it."


def sign_in(client: Client, email: str, password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return client.post("/sign-in/", {"email": email, "password": password, **extra})


def test_a_person_without_a_second_factor_signs_in_with_email_and_password(client: Client) -> None:
    UserFactory(email="viewer@example.nhs.uk")
    response = sign_in(client, "  Viewer@Example.NHS.uk ")
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert client.get("/home/").status_code == 200


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("viewer@example.nhs.uk", "wrong-password", WRONG),
        ("nobody@example.nhs.uk", PASSWORD, WRONG),
        ("", "", "Enter your email address"),
        (
            "not-an-email",
            PASSWORD,
            "Enter an email address in the correct format, like name@example.nhs.uk",
        ),
    ],
)
def test_wrong_or_missing_details_get_the_same_clear_message(
    client: Client, email: str, password: str, message: str
) -> None:
    UserFactory(email="viewer@example.nhs.uk")
    response = sign_in(client, email, password)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert soup(response).title.get_text().startswith("Error:")
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(client: Client) -> None:
    UserFactory(email="viewer@example.nhs.uk")
    for _ in range(5):
        sign_in(client, "viewer@example.nhs.uk", "wrong-password")
    locked = sign_in(client, "viewer@example.nhs.uk", PASSWORD)
    assert locked.status_code == 429
    assert soup(locked).h1.get_text(strip=True) == "Too many attempts to sign in"
    assert "_auth_user_id" not in client.session


def test_a_safe_next_page_is_honoured_and_an_external_one_ignored(client: Client) -> None:
    UserFactory(email="viewer@example.nhs.uk")
    assert sign_in(client, "viewer@example.nhs.uk", next="/account/")["Location"] == "/account/"
    client.post("/sign-out/")
    assert (
        sign_in(client, "viewer@example.nhs.uk", next="https://evil.example.com/")["Location"]
        == "/home/"
    )


def test_a_person_with_an_authenticator_must_enter_its_code(client: Client) -> None:
    device = TOTPDeviceFactory(user=UserFactory(email="lead@example.nhs.uk"))
    response = sign_in(client, "lead@example.nhs.uk")
    assert response["Location"] == "/sign-in/security-code/"
    assert "_auth_user_id" not in client.session, "a password alone must not sign them in"
    assert client.get("/home/").status_code == 302

    bad = client.post("/sign-in/security-code/", {"code": "12 34"})
    assert error_summary(bad) == ["Enter the security code as 6 digits, like 123456"]

    good = client.post("/sign-in/security-code/", {"code": current_code(device)})
    assert good["Location"] == "/home/"
    assert client.get("/home/").status_code == 200


def test_a_wrong_code_is_refused_and_a_quick_retry_is_throttled(client: Client) -> None:
    device = TOTPDeviceFactory(user=UserFactory(email="lead@example.nhs.uk"))
    sign_in(client, "lead@example.nhs.uk")
    wrong = "000000" if current_code(device) != "000000" else "111111"
    first = client.post("/sign-in/security-code/", {"code": wrong})
    assert error_summary(first) == [
        "The security code is not right or has expired. Enter the code shown in your authenticator app now."
    ]
    retry = client.post("/sign-in/security-code/", {"code": current_code(device)})
    assert error_summary(retry)[0].startswith("Too many wrong codes. Wait")
    assert "_auth_user_id" not in client.session


def test_the_code_page_without_a_password_first_sends_people_back_to_sign_in(
    client: Client,
) -> None:
    assert client.get("/sign-in/security-code/")["Location"] == "/sign-in/"


@override_settings(PULSE_MFA_REQUIRED=True)
def test_when_mfa_is_required_an_ics_admin_must_set_up_an_authenticator_first(
    client: Client,
) -> None:
    admin = member(Role.ICS_ADMIN, "QYG", email="lead@example.nhs.uk")
    response = sign_in(client, "lead@example.nhs.uk")
    assert response["Location"] == "/sign-in/set-up-authenticator/"
    page = client.get(response["Location"])
    assert soup(page).select_one(".app-qr-code svg") is not None
    assert "_auth_user_id" not in client.session

    device = admin.totpdevice_set.get(confirmed=False)
    done = client.post("/sign-in/set-up-authenticator/", {"code": current_code(device)})
    assert done["Location"] == "/home/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/ics/qyg/").status_code == 200


@override_settings(PULSE_MFA_REQUIRED=True)
def test_when_mfa_is_required_a_staff_member_still_signs_in_with_a_password(client: Client) -> None:
    member(Role.STAFF, "QYG", email="staff@example.nhs.uk")
    assert sign_in(client, "staff@example.nhs.uk")["Location"] == "/home/"


@override_settings(PULSE_MFA_REQUIRED=True)
def test_an_admin_signed_in_without_a_second_factor_is_asked_to_sign_in_again(
    client: Client,
) -> None:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    response = client.get("/ics/qyg/places/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post_and_ends_the_session(client: Client) -> None:
    client.force_login(UserFactory())
    assert client.get("/sign-out/").status_code == 405
    client.post("/sign-out/")
    assert "_auth_user_id" not in client.session


def _secret_shown(page) -> str:  # type: ignore[no-untyped-def]
    return soup(page).select_one(".app-secret-key code").get_text(strip=True)


@override_settings(PULSE_MFA_REQUIRED=True)
def test_reloading_the_set_up_page_keeps_the_secret_already_scanned(client: Client) -> None:
    admin = member(Role.ICS_ADMIN, "QYG", email="lead@example.nhs.uk")
    sign_in(client, "lead@example.nhs.uk")
    first = _secret_shown(client.get("/sign-in/set-up-authenticator/"))
    scanned = admin.totpdevice_set.get(confirmed=False)
    assert _secret_shown(client.get("/sign-in/set-up-authenticator/")) == first
    assert admin.totpdevice_set.count() == 1

    done = client.post("/sign-in/set-up-authenticator/", {"code": current_code(scanned)})
    assert done["Location"] == "/home/"


@override_settings(PULSE_MFA_REQUIRED=True)
def test_a_set_up_secret_older_than_30_minutes_is_replaced_with_a_clear_message(
    client: Client,
) -> None:
    admin = member(Role.ICS_ADMIN, "QYG", email="lead@example.nhs.uk")
    sign_in(client, "lead@example.nhs.uk")
    first = _secret_shown(client.get("/sign-in/set-up-authenticator/"))
    scanned = admin.totpdevice_set.get(confirmed=False)
    code = current_code(scanned)
    admin.totpdevice_set.update(created_at=scanned.created_at - timedelta(minutes=31))

    page = client.post("/sign-in/set-up-authenticator/", {"code": code})
    assert page.status_code == 200
    assert error_summary(page) == [
        "The QR code you scanned is more than 30 minutes old. Scan the new QR code, "
        "then enter the code your authenticator app shows."
    ]
    assert _secret_shown(page) != first
    assert not admin.totpdevice_set.filter(confirmed=True).exists()
    assert admin.totpdevice_set.count() == 1


@override_settings(PULSE_MFA_REQUIRED=True)
def test_an_empty_post_to_the_set_up_page_gets_the_page_again_not_a_server_error(
    client: Client,
) -> None:
    """Posting before any secret was made (or after it expired) with no code at all: the form
    was left unbound, and adding the expiry message to it raised an AttributeError."""
    admin = member(Role.ICS_ADMIN, "QYG", email="lead@example.nhs.uk")
    sign_in(client, "lead@example.nhs.uk")

    page = client.post("/sign-in/set-up-authenticator/", {})
    assert page.status_code == 200
    assert error_summary(page) == [
        "The QR code you scanned is more than 30 minutes old. Scan the new QR code, "
        "then enter the code your authenticator app shows."
    ]
    assert admin.totpdevice_set.filter(confirmed=False).count() == 1

    again = client.post("/sign-in/set-up-authenticator/", {})
    assert again.status_code == 200
    assert error_summary(again) == ["Enter the 6-digit security code"]
    assert not admin.totpdevice_set.filter(confirmed=True).exists()
