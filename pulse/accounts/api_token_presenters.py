"""Personal API tokens as the settings page lists them: never the token, never its hash."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from pulse.api.models import ApiToken
from pulse.core.formatting import nhs_date

STATES = {
    "active": ("Active", "green"),
    "expired": ("Expired", "grey"),
    "revoked": ("Revoked", "red"),
}


def token_state(token: ApiToken) -> str:
    if token.revoked:
        return "revoked"
    if token.expires_on is not None and token.expires_on < timezone.localdate():
        return "expired"
    return "active"


def token_rows(tokens: list[ApiToken]) -> list[list[dict[str, Any]]]:
    rows = []
    for token in tokens:
        state = token_state(token)
        text, colour = STATES[state]
        action: dict[str, Any] = {"text": ""}
        if state == "active":
            href = reverse("accounts:revoke_api_token", kwargs={"token_id": token.pk})
            action = {
                "html": format_html(
                    '<a class="nhsuk-link" href="{}">Revoke<span class="nhsuk-u-visually-hidden"> '
                    "{}</span></a>",
                    href,
                    token.name,
                )
            }
        rows.append(
            [
                {"text": token.name},
                {"text": nhs_date(token.created_on)},
                {"text": nhs_date(token.expires_on) if token.expires_on else "Never"},
                {"text": nhs_date(token.last_used_on) if token.last_used_on else "Not used yet"},
                {
                    "html": format_html(
                        '<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, text
                    )
                },
                action,
            ]
        )
    return rows
