"""Staff taking part: posting and editing ideas, supporting them, commenting and reporting.

These are people's own contributions, not admin changes, so they are not audited; nothing here
records who wrote an anonymous post anywhere but on the post itself.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pulse.ideas.authorship import displayed_author, is_author
from pulse.ideas.models import Challenge, Comment, Idea, NotificationKind, Report, Support
from pulse.ideas.principles import join_codes
from pulse.ideas.services.notifications import Message, notify
from pulse.ideas.services.stages import stage_defaults_ensure


def _check_open(challenge: Challenge) -> None:
    today = timezone.localdate()
    if today < challenge.opens_on:
        raise ValidationError("This challenge is not open for ideas yet")
    if today > challenge.closes_on:
        raise ValidationError("This challenge has closed. You cannot add new ideas to it")


@transaction.atomic
def idea_create(
    *,
    challenge: Challenge,
    author: Any,
    title: str,
    description: str,
    principles: Iterable[str],
    anonymous: bool,
) -> Idea:
    """Post an idea to an open challenge, at the first stage of the ICS's pipeline."""
    _check_open(challenge)
    first = stage_defaults_ensure(ics=challenge.ics)[0]
    return Idea.objects.create(
        ics=challenge.ics,
        challenge=challenge,
        author=author,
        anonymous=anonymous,
        title=title.strip(),
        description=description.strip(),
        principles=join_codes(principles),
        stage=first,
    )


@transaction.atomic
def idea_update(
    *,
    idea: Idea,
    by: Any,
    title: str,
    description: str,
    principles: Iterable[str],
    anonymous: bool,
) -> Idea:
    """The author changes their idea; only until the design group starts to review it."""
    if not is_author(idea, by):
        raise PermissionDenied
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if locked.review_started_at is not None:
        raise ValidationError(
            "You cannot change your idea because the design group has started to review it"
        )
    locked.title, locked.description = title.strip(), description.strip()
    locked.principles, locked.anonymous = join_codes(principles), anonymous
    locked.save(update_fields=["title", "description", "principles", "anonymous", "updated_at"])
    return locked


@transaction.atomic
def idea_support(*, idea: Idea, user: Any) -> Support:
    if is_author(idea, user):
        raise ValidationError("You cannot support your own idea")
    if idea.is_hidden:
        raise ValidationError("You cannot support an idea that a moderator has hidden")
    try:
        with transaction.atomic():
            return Support.objects.create(idea=idea, user=user)
    except IntegrityError:
        raise ValidationError("You already support this idea") from None


@transaction.atomic
def idea_support_withdraw(*, idea: Idea, user: Any) -> None:
    deleted, _ = Support.objects.filter(idea=idea, user=user).delete()
    if not deleted:
        raise ValidationError("You do not support this idea")


def _check_parent(idea: Idea, parent: Comment | None) -> None:
    if parent is None:
        return
    if parent.idea_id != idea.pk:
        raise ValidationError("Select a comment on this idea to reply to")
    if parent.parent_id is not None:
        raise ValidationError("You can reply to a comment, but not to a reply")
    if parent.is_hidden:
        raise ValidationError("You cannot reply to a comment that a moderator has hidden")


@transaction.atomic
def comment_create(
    *, idea: Idea, author: Any, body: str, anonymous: bool, parent: Comment | None = None
) -> Comment:
    """Comment on an idea, or reply to a top-level comment; tell the idea's author."""
    if idea.is_hidden:
        raise ValidationError("You cannot comment on an idea that a moderator has hidden")
    _check_parent(idea, parent)
    comment = Comment.objects.create(
        idea=idea, parent=parent, author=author, anonymous=anonymous, body=body.strip()
    )
    if not is_author(idea, author):
        who = displayed_author(comment)
        notify(
            users=[idea.author],
            ics=idea.ics,
            idea=idea,
            message=Message(
                kind=NotificationKind.COMMENT_ON_MINE,
                text=f"{who} commented on your idea {idea.title}",
                subject=f"New comment on your idea: {idea.title}",
                detail=f"{who} wrote:\n\n{comment.body}",
            ),
        )
    return comment


@transaction.atomic
def report_create(
    *, reporter: Any, reason: str, idea: Idea | None = None, comment: Comment | None = None
) -> Report:
    """Report an idea or a comment as inappropriate, once per person."""
    post: Idea | Comment | None = idea if idea is not None else comment
    if post is None or (idea is not None and comment is not None):
        raise ValueError("Report exactly one idea or comment")
    noun = "idea" if idea is not None else "comment"
    if is_author(post, reporter):
        raise ValidationError(f"You cannot report your own {noun}")
    if post.is_hidden:
        raise ValidationError(f"A moderator has already hidden this {noun}")
    try:
        with transaction.atomic():
            return Report.objects.create(
                reporter=reporter, idea=idea, comment=comment, reason=reason.strip()
            )
    except IntegrityError:
        raise ValidationError(f"You have already reported this {noun}") from None
