"""Every operation needs a working personal API token: a missing, malformed, unknown, revoked
or expired token, or one whose owner can no longer sign in, gets 401 JSON saying which, never a
page or a server error."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from pulse.api.api import api
from pulse.api.models import ApiToken
from pulse.api.services import api_token_create, api_token_revoke
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db

HOW_TO = (
    "Send your API token in the header Authorization: Bearer <your token>. You can create a "
    "token on your account page."
)
UNKNOWN = (
    "This API token is not recognised. Check you copied all of it, or create a new one on your "
    "account page."
)


def _paths() -> list[str]:
    """Every operation's path, with path parameters filled in."""
    schema = api.get_openapi_schema(path_prefix="/api")
    filled = {
        "{ics_code}": "QYG",
        "{wave_id}": "1",
        "{table}": "groups",
        "{instrument_id}": "1",
        "{version}": "1",
        "{benchmark_id}": "1",
    }
    paths = []
    for path in schema["paths"]:
        for name, value in filled.items():
            path = path.replace(name, value)
        paths.append(path)
    return paths


PATHS = _paths()


def _assert_401(response: object, detail: str) -> None:
    assert response.status_code == 401  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("application/json")  # type: ignore[index]
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'  # type: ignore[index]
    assert response.json() == {"status": 401, "title": "Unauthorised", "detail": detail}  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", PATHS)
def test_every_operation_without_a_token_says_how_to_send_one(client: Client, path: str) -> None:
    _assert_401(client.get(path), HOW_TO)


@pytest.mark.parametrize(
    "header",
    ["lp_abc", "Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Token lp_abc", "bearer"],
)
def test_a_malformed_authorisation_header_says_how_to_send_a_token(
    client: Client, header: str
) -> None:
    _assert_401(client.get("/api/systems", HTTP_AUTHORIZATION=header), HOW_TO)


@pytest.mark.parametrize(
    "secret", ["lp_not-a-real-token", "x" * 5000, "lp_\u00e9\u00e8", "' OR 1=1"]
)
def test_an_unknown_token_is_not_recognised(client: Client, secret: str) -> None:
    _assert_401(client.get("/api/systems", HTTP_AUTHORIZATION=f"Bearer {secret}"), UNKNOWN)


def test_a_revoked_token_is_refused(client: Client) -> None:
    user = member(Role.ICS_VIEWER, "QYG")
    token, secret = api_token_create(user=user, name="Old", valid_days=None)
    api_token_revoke(token=token, by=user)
    _assert_401(
        client.get("/api/systems", HTTP_AUTHORIZATION=f"Bearer {secret}"),
        "This API token has been revoked. Create a new one on your account page.",
    )


def test_an_expired_token_says_when_it_expired(client: Client) -> None:
    token, secret = api_token_create(user=member(Role.ICS_VIEWER, "QYG"), name="Old", valid_days=30)
    yesterday = timezone.localdate() - timedelta(days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_on=yesterday)
    response = client.get("/api/systems", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("This API token expired on ")


def test_a_token_still_works_on_its_last_day(client: Client) -> None:
    token, secret = api_token_create(
        user=member(Role.ICS_VIEWER, "QYG"), name="Today", valid_days=30
    )
    ApiToken.objects.filter(pk=token.pk).update(expires_on=timezone.localdate())
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_the_token_of_someone_who_can_no_longer_sign_in_is_refused(client: Client) -> None:
    user = member(Role.ICS_VIEWER, "QYG")
    _, secret = api_token_create(user=user, name="Leaver", valid_days=None)
    user.is_active = False
    user.save()
    _assert_401(
        client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}"),
        "The account this API token belongs to cannot sign in. Ask your ICS admin for help.",
    )


def test_a_signed_in_session_is_not_enough(client: Client) -> None:
    """The API takes tokens only: a browser's session cookie gives no access (no CSRF risk)."""
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    _assert_401(client.get("/api/systems"), HOW_TO)
