"""Personal API tokens through the account pages: created and shown once, listed without the
secret, revoked; a revoked token stops working at once. Bad input changes nothing."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from pulse.api.models import ApiToken
from pulse.api.services import token_hash
from pulse.core.models import AuditEntry
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:list_api_tokens")
ADD = reverse("accounts:add_api_token")


def _secret(html: str) -> str:
    found = re.search(r'id="api-token" type="text" value="(lp_[^"]+)"', html)
    assert found, "the new token is not shown"
    return found.group(1)


def _me(client: Client, secret: str) -> object:
    return client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_token_is_shown_once_listed_without_its_secret_and_stops_working_when_revoked(
    client: Client,
) -> None:
    user = member(Role.ICS_VIEWER, "QYG")
    client.force_login(user)

    created = client.post(ADD, {"name": "Power BI workforce dashboard", "expiry": "90"})
    assert created.status_code == 200
    secret = _secret(created.content.decode())
    token = ApiToken.objects.get(user=user)
    assert token.token_hash == token_hash(secret) and secret not in token.token_hash
    assert "Copy your token now" in created.content.decode()

    listed = client.get(LIST).content.decode()
    assert "Power BI workforce dashboard" in listed and "Active" in listed
    assert secret not in listed and token.token_hash not in listed
    assert "Not used yet" in listed

    me = _me(client, secret)
    assert me.status_code == 200
    assert me.json()["email"] == user.email
    assert me.json()["token_name"] == "Power BI workforce dashboard"
    assert "Not used yet" not in client.get(LIST).content.decode()

    revoke = reverse("accounts:revoke_api_token", kwargs={"token_id": token.pk})
    assert "Programs using this token will stop working" in client.get(revoke).content.decode()
    response = client.post(revoke, follow=True)
    assert "is revoked: it no longer works" in response.content.decode()
    assert "Revoked" in response.content.decode()

    refused = _me(client, secret)
    assert refused.status_code == 401
    assert refused.json()["detail"] == (
        "This API token has been revoked. Create a new one on your account page."
    )
    actions = list(AuditEntry.objects.filter(actor=user).values_list("action", flat=True))
    assert "api_token_created" in actions and "api_token_revoked" in actions
    assert not any(secret in str(e.details) for e in AuditEntry.objects.all())


def test_a_token_without_a_name_or_expiry_is_refused_and_none_is_made(client: Client) -> None:
    client.force_login(member(Role.ICS_VIEWER, "QYG"))

    response = client.post(ADD, {"name": "  ", "expiry": "forever"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a name for the token" in page
    assert "Select when the token should stop working" in page
    assert ApiToken.objects.count() == 0


def test_nobody_can_see_or_revoke_someone_elses_token(client: Client) -> None:
    owner = member(Role.ICS_VIEWER, "QYG")
    client.force_login(owner)
    _secret(client.post(ADD, {"name": "Mine", "expiry": "never"}).content.decode())
    token = ApiToken.objects.get(user=owner)

    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    revoke = reverse("accounts:revoke_api_token", kwargs={"token_id": token.pk})
    assert "Mine" not in client.get(LIST).content.decode()
    assert client.get(revoke).status_code == 404
    assert client.post(revoke).status_code == 404
    token.refresh_from_db()
    assert not token.revoked


def test_the_token_pages_need_sign_in(client: Client) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:sign_in") in response["Location"]
