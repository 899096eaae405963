from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from pulse.organisations.permissions import requires_mfa

EXEMPT_PREFIXES = ("/static/", "/sign-in/", "/sign-out/")


class MfaRequiredMiddleware:
    """When MFA is required, a signed-in admin or analyst without a verified second factor
    (for example, signed in before the setting was turned on) is signed out and asked again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.PULSE_MFA_REQUIRED
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not user.is_verified()
            and requires_mfa(user)
        ):
            logout(request)
            messages.info(request, "Sign in again with your security code.")
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
