"""Sign in (email, password, then a security code), second-factor set-up and password reset."""

import time
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from pulse.accounts import presenters, selectors, services
from pulse.accounts.forms import CodeForm, NewPasswordForm, PasswordResetRequestForm, SignInForm
from pulse.accounts.models import User
from pulse.core.ratelimits import too_many, too_many_page
from pulse.organisations.permissions import requires_mfa
from pulse.organisations.selectors import memberships_for_user

PENDING = "pulse_pending_sign_in"
PENDING_SECONDS = 10 * 60
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request: HttpRequest, target: str | None) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _pending_user(request: HttpRequest) -> User | None:
    """The user who gave a correct password in the last 10 minutes but has no second factor yet."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    return selectors.user_by_id(user_id=pending["user_id"])


def _finish_sign_in(request: HttpRequest, user: User, device: Any = None) -> HttpResponse:
    target = _safe_next(request, request.session.get(PENDING, {}).get("next"))
    request.session.pop(PENDING, None)
    login(request, user, backend=BACKEND)
    if device is not None:
        otp_login(request, device)
    return redirect(target)


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.user
        assert user is not None
        next_url = request.POST.get("next") or request.GET.get("next")
        request.session[PENDING] = {"user_id": user.pk, "at": time.time(), "next": next_url}
        if selectors.confirmed_device(user=user) is not None:
            return redirect("accounts:sign_in_code")
        if settings.PULSE_MFA_REQUIRED and requires_mfa(user):
            return redirect("accounts:set_up_mfa")
        return _finish_sign_in(request, user)
    context = {"form": form, "next": request.GET.get("next", ""), "hide_sign_in": True}
    return render(request, "accounts/sign_in.jinja", context)


def _code_error(allowed: bool, detail: dict[str, Any] | None) -> str:
    if allowed:
        return "The security code is not right or has expired. Enter the code shown in your authenticator app now."
    locked_until = (detail or {}).get("locked_until")
    seconds = max(1, round((locked_until - timezone.now()).total_seconds())) if locked_until else 60
    unit = "second" if seconds == 1 else "seconds"
    return f"Too many wrong codes. Wait {seconds} {unit}, then enter the code shown in your authenticator app."


@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    device = selectors.confirmed_device(user=user) if user else None
    if user is None or device is None:
        messages.info(request, "Your sign-in timed out. Sign in again.")
        return redirect("accounts:sign_in")
    form = CodeForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, detail = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"]):
            return _finish_sign_in(request, user, device)
        form.add_error("code", _code_error(allowed, detail))
    return render(request, "accounts/sign_in_code.jinja", {"form": form, "hide_sign_in": True})


@require_http_methods(["GET", "POST"])
def set_up_mfa(request: HttpRequest) -> HttpResponse:
    user = request.user if request.user.is_authenticated else _pending_user(request)
    if user is None:
        return redirect("accounts:sign_in")
    # The same secret until it is confirmed or 30 minutes old, so that reloading the page or
    # coming back to it does not undo what the person has already scanned.
    device = selectors.unconfirmed_device(user=user)
    # Bound on every POST, even an empty one: the errors below are added to it.
    form = CodeForm(data=request.POST if request.method == "POST" else None)
    if device is None:
        device = services.mfa_device_start(user=user)
        if request.method == "POST":
            form.is_valid()
            form.errors.pop("code", None)
            form.add_error(
                "code",
                "The QR code you scanned is more than 30 minutes old. Scan the new QR code, "
                "then enter the code your authenticator app shows.",
            )
    elif request.method == "POST" and form.is_valid():
        if services.mfa_device_confirm(device=device, token=form.cleaned_data["code"]):
            if request.user.is_authenticated:
                otp_login(request, device)
                messages.success(request, "Your authenticator app is set up")
                return redirect("accounts:account")
            return _finish_sign_in(request, user, device)
        form.add_error(
            "code",
            "The security code is not right. Enter the code shown in your authenticator app now.",
        )
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_svg": qr.svg_inline(
            scale=5, title="QR code to add Leadership Pulse to your authenticator app"
        ),
        "secret": presenters.grouped_secret(device),
        "hide_sign_in": True,
    }
    return render(request, "accounts/set_up_mfa.jinja", context)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("core:start")


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    page = presenters.HomePresenter(request.user, memberships_for_user(user=request.user))
    return render(request, "accounts/home.jinja", {"home": page})


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    context = {
        "has_mfa": selectors.confirmed_device(user=request.user) is not None,
        "memberships": memberships_for_user(user=request.user),
    }
    return render(request, "accounts/account.jinja", context)


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and too_many(request, "password_reset"):
        return too_many_page(request, what="reset a password")
    form = PasswordResetRequestForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"])
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.jinja", {"form": form, "hide_sign_in": True})


@require_GET
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.jinja", {"hide_sign_in": True})


class PasswordSetView(PasswordResetConfirmView):
    """Follow an emailed link to set a new password. Links last an hour and work once."""

    template_name = "accounts/password_set.jinja"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_set_done")


@require_GET
def password_set_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_set_done.jinja")


def locked_out(request: HttpRequest, response: Any = None, credentials: Any = None) -> HttpResponse:
    context = {
        "page_title": "Too many attempts to sign in",
        "paragraphs": [
            "For your security, you cannot sign in for 15 minutes after 5 unsuccessful attempts.",
            "Wait 15 minutes and try again, or reset your password.",
        ],
    }
    return render(request, "core/error.jinja", context, status=429)
