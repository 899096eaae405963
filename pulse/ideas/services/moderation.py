"""Moderators act on reported posts: hide with a reason the author sees, restore, or keep.

Every action is audited with the moderator, the post and the reason, never the post's author.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pulse.core.services import audit_record
from pulse.ideas.models import Comment, Idea, NotificationKind, Report
from pulse.ideas.services.notifications import Message, notify

Post = Idea | Comment


def _noun(post: Post) -> str:
    return "idea" if isinstance(post, Idea) else "comment"


def _idea(post: Post) -> Idea:
    return post if isinstance(post, Idea) else post.idea


def _open_reports(post: Post) -> Any:
    return post.reports.filter(outcome=Report.Outcome.OPEN)


def _audit(post: Post, action: str, by: Any, **details: Any) -> None:
    idea = _idea(post)
    audit_record(
        actor=by,
        action=f"{_noun(post)}_{action}",
        target=post,
        target_label=idea.title if isinstance(post, Idea) else f"Comment on {idea.title}",
        ics_code=idea.ics.ods_code,
        details=details,
    )


@transaction.atomic
def post_hide(*, post: Post, reason: str, by: Any) -> None:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for hiding it. The author will see it"})
    if post.is_hidden:
        raise ValidationError(f"This {_noun(post)} is already hidden")
    post.hidden_at, post.hidden_reason = timezone.now(), reason
    post.save(update_fields=["hidden_at", "hidden_reason"])
    resolved = _open_reports(post).update(outcome=Report.Outcome.HIDDEN)
    _audit(post, "hidden", by, reason=reason, reports=resolved)
    idea = _idea(post)
    notify(
        users=[post.author],
        ics=idea.ics,
        idea=idea,
        message=Message(
            kind=NotificationKind.POST_HIDDEN,
            text=f"A moderator hid your {_noun(post)} on {idea.title}: {reason}",
            subject=f"A moderator hid your {_noun(post)}",
            detail=f"The reason they gave:\n\n{reason}",
        ),
    )


@transaction.atomic
def post_restore(*, post: Post, by: Any) -> None:
    if not post.is_hidden:
        raise ValidationError(f"This {_noun(post)} is not hidden")
    post.hidden_at, post.hidden_reason = None, ""
    post.save(update_fields=["hidden_at", "hidden_reason"])
    _audit(post, "restored", by)


@transaction.atomic
def reports_dismiss(*, post: Post, by: Any) -> int:
    """Keep the post and close its reports."""
    dismissed = _open_reports(post).update(outcome=Report.Outcome.DISMISSED)
    if not dismissed:
        raise ValidationError(f"This {_noun(post)} has no reports waiting for a moderator")
    _audit(post, "reports_dismissed", by, reports=dismissed)
    return dismissed
