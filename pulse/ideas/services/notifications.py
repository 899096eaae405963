"""Notifications: an in-app list and, for those who want it, an email sent by the worker.

Texts name ideas and challenges, never the author of an idea: anything that shows who posted
something goes through `pulse.ideas.authorship.displayed_author`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pulse.accounts.models import User
from pulse.core.formatting import nhs_date
from pulse.core.services import email_send_later
from pulse.ideas.models import (
    CHOOSABLE_KINDS,
    Challenge,
    Idea,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from pulse.organisations.models import ICS, Membership, Role
from pulse.organisations.permissions import ROLE_PERMISSIONS, Perm

#: Staff who want it are told this many days before a challenge closes.
CLOSING_SOON_DAYS = 3


@dataclass(frozen=True)
class Message:
    kind: NotificationKind
    text: str
    subject: str
    detail: str = ""


def preference_for(user: Any) -> NotificationPreference:
    """The person's choices; someone who never chose gets every kind, by email too."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user, kinds=list(CHOOSABLE_KINDS), by_email=True)


def _link(ics: ICS, idea: Idea | None, challenge: Challenge | None) -> str:
    code = ics.url_code
    if idea is not None:
        path = reverse("ideas:show_idea", kwargs={"ics_code": code, "idea_id": idea.pk})
    elif challenge is not None:
        path = reverse(
            "ideas:show_challenge", kwargs={"ics_code": code, "challenge_id": challenge.pk}
        )
    else:
        path = reverse("ideas:list_notifications", kwargs={"ics_code": code})
    return settings.SITE_URL + path


def notify(
    *,
    users: Iterable[Any],
    ics: ICS,
    message: Message,
    idea: Idea | None = None,
    challenge: Challenge | None = None,
) -> int:
    """Tell each person who wants this kind of notification. Returns how many were told."""
    told = 0
    seen: set[int] = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        preference = preference_for(user)
        if not preference.wants(message.kind):
            continue
        Notification.objects.create(
            user=user, ics=ics, kind=message.kind, text=message.text, idea=idea, challenge=challenge
        )
        if preference.by_email:
            _email(user, ics, message, _link(ics, idea, challenge))
        told += 1
    return told


def _email(user: Any, ics: ICS, message: Message, link: str) -> None:
    settings_path = reverse("ideas:edit_notification_settings", kwargs={"ics_code": ics.url_code})
    context = {
        "user": user,
        "message": message,
        "link": link,
        "settings_link": settings.SITE_URL + settings_path,
    }
    body = render_to_string("ideas/emails/notification.txt", context)
    email_send_later(to=[user.email], subject=message.subject, body=body)


@transaction.atomic
def notification_preferences_update(
    *, user: Any, kinds: Iterable[str], by_email: bool
) -> NotificationPreference:
    chosen = [kind for kind in CHOOSABLE_KINDS if kind in set(kinds)]
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"kinds": chosen, "by_email": by_email}
    )
    return preference


def notifications_mark_read(*, user: Any, ics: ICS) -> int:
    unread = Notification.objects.for_ics(ics).filter(user=user, read_at__isnull=True)
    return unread.update(read_at=timezone.now())


def _participants(ics: ICS) -> Iterable[User]:
    """Everyone in the ICS with a role that can post ideas."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.POST_IDEAS in perms]
    members = Membership.objects.for_ics(ics).filter(role__in=[Role(r).value for r in roles])
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True)


@transaction.atomic
def challenge_closing_notify(*, challenge: Challenge, today: date | None = None) -> int:
    """Tell the ICS's staff that an open challenge closes within 3 days, once per closing date."""
    today = today or timezone.localdate()
    locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
    due = locked.closes_on - timedelta(days=CLOSING_SOON_DAYS) <= today
    if locked.closing_notice_sent_on is not None or not due or not locked.is_open_on(today):
        return 0
    locked.closing_notice_sent_on = today
    locked.save(update_fields=["closing_notice_sent_on"])
    closes = nhs_date(locked.closes_on)
    message = Message(
        kind=NotificationKind.CHALLENGE_CLOSING,
        text=f"The challenge {locked.title} closes for new ideas on {closes}",
        subject=f"Closing soon: {locked.title}",
        detail=f"{locked.question}\n\nShare your ideas before it closes on {closes}.",
    )
    return notify(
        users=_participants(locked.ics), ics=locked.ics, message=message, challenge=locked
    )


def challenges_closing_notify(*, today: date | None = None) -> int:
    """Send every "closing soon" notice due today (the daily command and worker task)."""
    today = today or timezone.localdate()
    due = Challenge.objects.filter(
        closing_notice_sent_on__isnull=True,
        opens_on__lte=today,
        closes_on__gte=today,
        closes_on__lte=today + timedelta(days=CLOSING_SOON_DAYS),
    )
    return sum(challenge_closing_notify(challenge=c, today=today) for c in due)
