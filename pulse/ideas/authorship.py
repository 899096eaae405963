"""The one place that decides whose name is shown on an idea or comment.

An idea or comment posted as "A colleague" is shown that way to everyone, on every page, export
and notification: moderators, ICS admins and platform admins included. Only the author's own
pages tell them it is theirs, and even there the name shown on the post is "A colleague".
Presenters, exports and notifications must call `displayed_author`; nothing else reads
`post.author` for display.
"""

from typing import Any, Protocol

ANONYMOUS = "A colleague"
FORMER_MEMBER = "A former member of staff"
UNNAMED = "A member of staff"


class Post(Protocol):
    anonymous: bool
    author_id: int | None

    @property
    def author(self) -> Any: ...


def displayed_author(post: Post) -> str:
    """The name shown with `post` to anyone, its author included."""
    if post.anonymous:
        return ANONYMOUS
    if post.author_id is None:
        return FORMER_MEMBER
    return str(post.author.full_name or UNNAMED)


def is_author(post: Post, user: Any) -> bool:
    """Whether `user` wrote `post` (for their own edit links and notices, never for display)."""
    return bool(getattr(user, "pk", None)) and post.author_id == user.pk
