"""Staff sign-in by an emailed one-time link, for email domains the ICS allows.

The token is 256 bits from `secrets`, sent only in the email and stored only as its SHA-256
hash. A link lasts 30 minutes and works once. Following it checks the token and keeps only its
hash in the session; signing in (a POST) uses it up, so mail scanners that open links cannot.
"""

import hashlib
import secrets
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from pulse.accounts.models import User, normalise_email
from pulse.core.services import audit_record, email_send_later
from pulse.ideas.models import SignInLink
from pulse.organisations.models import ICS, AllowedEmailDomain, Membership, Role
from pulse.organisations.permissions import requires_mfa

LINK_LIFETIME = timedelta(minutes=30)
LINKS_PER_HOUR = 5


class LinkProblem(StrEnum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    NEEDS_PASSWORD = "needs_password"  # noqa: S105 - a reason, not a password


class LinkInvalid(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def email_domain(email: str) -> str:
    return normalise_email(email).rpartition("@")[2]


def domain_allowed(*, ics: ICS, email: str) -> bool:
    domain = email_domain(email)
    return bool(domain) and AllowedEmailDomain.objects.for_ics(ics).filter(domain=domain).exists()


def _refuse_domain(ics: ICS, email: str) -> ValidationError:
    return ValidationError(
        {
            "email": f"You cannot sign in to {ics.short_name} with an email address ending "
            f"@{email_domain(email)}. Enter your work email address, or ask your ICS's clinical "
            "and care professional leadership lead which email addresses can be used"
        }
    )


@transaction.atomic
def sign_in_link_request(*, email: str, ics: ICS) -> None:
    """Email a sign-in link, if the ICS allows the email's domain and the hourly limit is not
    reached. The caller tells the person to check their email either way it is sent."""
    email = normalise_email(email)
    if not domain_allowed(ics=ics, email=email):
        raise _refuse_domain(ics, email)
    now = timezone.now()
    recent = SignInLink.objects.filter(email=email, created_at__gte=now - timedelta(hours=1))
    if recent.count() >= LINKS_PER_HOUR:
        raise ValidationError(
            {
                "email": f"You have asked for {LINKS_PER_HOUR} sign-in links in the last hour. "
                "Use the link in your latest email, or wait an hour and ask again"
            }
        )
    token = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        token_hash=token_hash(token), email=email, ics=ics, expires_at=now + LINK_LIFETIME
    )
    _send_link(email, ics, token)


def _send_link(email: str, ics: ICS, token: str) -> None:
    user = User.objects.filter(email=email).first()
    if user is not None and not user.is_active:
        return
    needs_password = user is not None and requires_mfa(user)
    link = settings.SITE_URL + reverse("ideas:follow_link") + "?" + urlencode({"token": token})
    context = {
        "ics": ics,
        "link": "" if needs_password else link,
        "password_sign_in": settings.SITE_URL + reverse("accounts:sign_in"),
        "minutes": int(LINK_LIFETIME.total_seconds() // 60),
    }
    template = "sign_in_with_password" if needs_password else "sign_in_link"
    subject = render_to_string("ideas/emails/sign_in_link_subject.txt", context).strip()
    body = render_to_string(f"ideas/emails/{template}.txt", context)
    email_send_later(to=[email], subject=subject, body=body)


def sign_in_link_check(*, token_hash_value: str) -> SignInLink:
    """The link with this token hash, if it can still be used; otherwise LinkInvalid."""
    link = SignInLink.objects.select_related("ics").filter(token_hash=token_hash_value).first()
    if link is None:
        raise LinkInvalid(LinkProblem.UNKNOWN)
    if link.used_at is not None:
        raise LinkInvalid(LinkProblem.USED)
    if link.expires_at <= timezone.now():
        raise LinkInvalid(LinkProblem.EXPIRED)
    user = User.objects.filter(email=link.email).first()
    if user is not None and (not user.is_active or requires_mfa(user)):
        raise LinkInvalid(LinkProblem.NEEDS_PASSWORD)
    return link


def needs_display_name(link: SignInLink) -> bool:
    user = User.objects.filter(email=link.email).first()
    return user is None or not user.full_name.strip()


@transaction.atomic
def sign_in_link_use(*, token_hash_value: str, full_name: str = "") -> tuple[User, ICS]:
    """Use up the link, creating the account and a staff role in the ICS if needed."""
    link = sign_in_link_check(token_hash_value=token_hash_value)
    used = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not used:  # another request used it a moment ago
        raise LinkInvalid(LinkProblem.USED)
    full_name = full_name.strip()
    user = User.objects.filter(email=link.email).first()
    if user is None:
        user = User.objects.create_user(email=link.email, full_name=full_name)
    elif full_name and not user.full_name.strip():
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    if not Membership.objects.for_ics(link.ics).filter(user=user).exists():
        membership = Membership.objects.create(user=user, role=Role.STAFF, ics=link.ics)
        audit_record(
            actor=user,
            action="staff_joined_by_email_link",
            target=membership,
            ics_code=link.ics.ods_code,
        )
    return user, link.ics
