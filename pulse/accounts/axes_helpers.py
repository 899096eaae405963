from typing import Any

from django.http import HttpRequest

from pulse.accounts.models import normalise_email


def username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The email that a sign-in attempt counts against, however it was typed."""
    if credentials and credentials.get("email"):
        return normalise_email(credentials["email"])
    return normalise_email(request.POST.get("email", ""))
