"""Writes for personal API tokens: create (the token is returned once), revoke, and record the
day a token was last used. Creating and revoking are audited; the token and its hash never are."""

import hashlib
import secrets
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pulse.api.models import ApiToken
from pulse.core.services import audit_record

PREFIX = "lp_"
MAX_ACTIVE_TOKENS = 20


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: Any, name: str, valid_days: int | None) -> tuple[ApiToken, str]:
    """A new token for `user`: (the stored token, the secret to show once)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token"})
    today = timezone.localdate()
    active = ApiToken.objects.for_user(user).filter(revoked=False).exclude(expires_on__lt=today)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            f"You already have {MAX_ACTIVE_TOKENS} tokens. Revoke one you no longer use first."
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    expires_on = today + timedelta(days=valid_days) if valid_days else None
    token = ApiToken.objects.create(
        user=user, name=name, token_hash=token_hash(secret), created_on=today, expires_on=expires_on
    )
    audit_record(
        actor=user,
        action="api_token_created",
        target=token,
        details={"expires_on": expires_on.isoformat() if expires_on else None},
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    """Stop a token working at once. Revoking twice changes nothing."""
    if not token.revoked:
        token.revoked = True
        token.save(update_fields=["revoked"])
        audit_record(actor=by, action="api_token_revoked", target=token)
    return token


def api_token_touch(*, token: ApiToken, today: date | None = None) -> None:
    """Record the day the token was used (one write a day at most)."""
    today = today or timezone.localdate()
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).exclude(last_used_on=today).update(last_used_on=today)
        token.last_used_on = today
