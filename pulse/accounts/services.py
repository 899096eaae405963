"""Writes for accounts: invitations, password reset emails and second-factor devices."""

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from pulse.accounts.models import User, normalise_email
from pulse.core.services import audit_record, email_send_later


def _password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL + path


def _send(user: User, template: str, context: dict[str, Any]) -> None:
    context = {"user": user, "link": _password_link(user), "site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"accounts/emails/{template}_subject.txt", context).strip()
    body = render_to_string(f"accounts/emails/{template}.txt", context)
    email_send_later(to=[user.email], subject=subject, body=body)


@transaction.atomic
def user_invite(
    *, email: str, full_name: str, invited_by: User, ics_name: str
) -> tuple[User, bool]:
    """Find the user with this email, or create one and email them a link to set a password."""
    email = normalise_email(email)
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(email=email, full_name=full_name.strip())
    _send(user, "invitation", {"invited_by": invited_by, "ics_name": ics_name})
    return user, True


def password_reset_request(*, email: str) -> None:
    """Email a reset link if an active account has this email. Says nothing either way."""
    user = User.objects.filter(email=normalise_email(email), is_active=True).first()
    if user is not None:
        _send(user, "password_reset", {})


def mfa_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for the user (replacing any earlier unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def mfa_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the authenticator if the code is right; the user then has exactly one."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=device.user, action="mfa_set_up", target=device.user)
    return True
