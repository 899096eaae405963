"""Bearer authentication with personal API tokens, and a rate limit per token.

A request acts as the token's owner, with exactly their roles (`pulse.organisations.
permissions`). A missing, unknown, revoked or expired token, or a token whose owner can no
longer sign in, gets 401 with a message saying which.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from pulse.api import selectors
from pulse.api.errors import HOW_TO_AUTHENTICATE
from pulse.api.models import ApiToken
from pulse.api.services import api_token_touch
from pulse.core.formatting import nhs_date

UNKNOWN = (
    "This API token is not recognised. Check you copied all of it, or create a new one on your "
    "account page."
)
REVOKED = "This API token has been revoked. Create a new one on your account page."
INACTIVE = "The account this API token belongs to cannot sign in. Ask your ICS admin for help."


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: a personal API token from the account page."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header, "")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(message=HOW_TO_AUTHENTICATE)
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = selectors.token_by_secret(secret=token)
        if found is None:
            raise AuthenticationError(message=UNKNOWN)
        today = timezone.localdate()
        if found.revoked:
            raise AuthenticationError(message=REVOKED)
        if found.expires_on is not None and found.expires_on < today:
            raise AuthenticationError(
                message=f"This API token expired on {nhs_date(found.expires_on)}. Create a new "
                "one on your account page."
            )
        if not found.user.is_active:
            raise AuthenticationError(message=INACTIVE)
        api_token_touch(token=found, today=today)
        return found


class TokenRateThrottle(SimpleRateThrottle):
    """At most PULSE_API_RATE requests per token (a minute by default), counted in the cache."""

    scope = "api_token"

    def __init__(self) -> None:
        super().__init__(rate=settings.PULSE_API_RATE)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


def caller(request: HttpRequest) -> Any:
    """The user the request acts for (the token's owner)."""
    token = request.auth  # type: ignore[attr-defined]
    return token.user
