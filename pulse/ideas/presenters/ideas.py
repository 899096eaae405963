"""An idea's page: the idea, its stage history with feedback, supports and comments, and the
action of the plan it became (or, for an ICS admin, a way to turn it into one)."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from pulse.actions.presenters import status_text
from pulse.core.formatting import nhs_date
from pulse.ideas.authorship import ANONYMOUS, displayed_author, is_author
from pulse.ideas.models import Comment, Idea, StageChange
from pulse.ideas.presenters.common import (
    challenge_href,
    count_or_zero,
    paragraphs,
    plural,
    principle_items,
    stage_tag,
)
from pulse.organisations.models import ICS


@dataclass
class Viewer:
    """Who is looking, and what they may do (decided by the view from the permissions)."""

    user: Any
    can_post: bool
    can_moderate: bool
    can_view_actions: bool = False
    can_manage_actions: bool = False


def linked_action(ics: ICS, idea: Idea, *, can_view_actions: bool) -> dict[str, str] | None:
    """The action `idea` became, by title and status, linked for people who can read the plan;
    None when it has not become one."""
    action = getattr(idea, "action", None)
    if action is None:
        return None
    href = reverse("actions:show_action", kwargs={"ics_code": ics.url_code, "action_id": action.pk})
    return {
        "title": action.title,
        "status": status_text(action),
        "href": href if can_view_actions else "",
    }


def history_items(changes: list[StageChange]) -> list[dict[str, Any]]:
    return [
        {
            "date": nhs_date(change.created_at),
            "heading": f"Moved from {change.from_stage_name} to {change.to_stage_name}",
            "feedback": paragraphs(change.feedback),
        }
        for change in reversed(changes)
    ]


@dataclass
class IdeaPagePresenter:
    ics: ICS
    idea: Idea
    viewer: Viewer
    comments: list[Comment]
    changes: list[StageChange]
    supported: bool
    reported: bool

    def _url(self, name: str, **kwargs: Any) -> str:
        return reverse(name, kwargs={"ics_code": self.ics.url_code, **kwargs})

    def _idea_url(self, name: str) -> str:
        return self._url(name, idea_id=self.idea.pk)

    @property
    def is_mine(self) -> bool:
        return is_author(self.idea, self.viewer.user)

    @property
    def author(self) -> str:
        return displayed_author(self.idea)

    @property
    def own_anonymous_notice(self) -> str:
        if self.is_mine and self.idea.anonymous:
            return f"You posted this idea as \u201c{ANONYMOUS}\u201d. No one else can see that it is yours."
        return ""

    @property
    def hidden_notice(self) -> str:
        if not self.idea.is_hidden:
            return ""
        who = "your idea" if self.is_mine else "this idea"
        return f"A moderator hid {who}. The reason they gave: {self.idea.hidden_reason}"

    @property
    def summary(self) -> dict[str, Any]:
        supports = count_or_zero(self.idea, "support_count")
        return {
            "challenge": self.idea.challenge.title,
            "challenge_href": challenge_href(self.ics.url_code, self.idea.challenge),
            "stage": stage_tag(self.idea.stage),
            "posted": nhs_date(self.idea.created_at),
            "supports": plural(supports, "person supports", "people support") + " this idea",
            "principles": principle_items(self.idea.principle_codes),
            "description": paragraphs(self.idea.description),
        }

    @property
    def can_edit(self) -> bool:
        return self.is_mine and self.idea.review_started_at is None

    @property
    def can_take_part(self) -> bool:
        return self.viewer.can_post and not self.idea.is_hidden

    @property
    def can_support(self) -> bool:
        return self.can_take_part and not self.is_mine and not self.supported

    @property
    def can_report(self) -> bool:
        return self.can_take_part and not self.is_mine and not self.reported

    @property
    def links(self) -> dict[str, str]:
        hide_kwargs = {"kind": "idea", "post_id": self.idea.pk}
        return {
            "edit": self._idea_url("ideas:edit_idea"),
            "support": self._idea_url("ideas:support_idea"),
            "withdraw": self._idea_url("ideas:withdraw_support"),
            "comment": self._idea_url("ideas:add_comment"),
            "report": self._idea_url("ideas:report_idea"),
            "move": self._idea_url("ideas:move_idea"),
            "hide": self._url("ideas:hide_post", **hide_kwargs),
            "restore": self._url("ideas:restore_post", **hide_kwargs),
        }

    @property
    def action(self) -> dict[str, str] | None:
        return linked_action(self.ics, self.idea, can_view_actions=self.viewer.can_view_actions)

    @property
    def turn_into_action_href(self) -> str:
        """For an ICS admin, the way to add the idea to the plan, while it has no action."""
        if not self.viewer.can_manage_actions or self.idea.is_hidden:
            return ""
        if getattr(self.idea, "action", None) is not None:
            return ""
        return f"{self._url('actions:add_action')}?idea={self.idea.pk}"

    @property
    def history(self) -> list[dict[str, Any]]:
        return history_items(self.changes)

    @property
    def comment_items(self) -> list[dict[str, Any]]:
        return [
            {**self._comment(c), "replies": [self._comment(r) for r in c.replies.all()]}
            for c in self.comments
        ]

    def _comment(self, comment: Comment) -> dict[str, Any]:
        mine = is_author(comment, self.viewer.user)
        hidden = comment.is_hidden
        sees_body = not hidden or mine or self.viewer.can_moderate
        kwargs = {"idea_id": self.idea.pk, "comment_id": comment.pk}
        post = {"kind": "comment", "post_id": comment.pk}
        return {
            "id": f"comment-{comment.pk}",
            "author": displayed_author(comment) if sees_body else "",
            "date": nhs_date(comment.created_at, with_time=True),
            "body": paragraphs(comment.body) if sees_body else [],
            "hidden_notice": self._comment_hidden_notice(comment, mine),
            "own_anonymous": mine and comment.anonymous,
            "can_reply": self.can_take_part and comment.parent_id is None and not hidden,
            "can_report": self.can_take_part and not mine and not hidden,
            "reply_href": self._url("ideas:reply_comment", **kwargs),
            "report_href": self._url("ideas:report_comment", **kwargs),
            "hide_href": self._url("ideas:hide_post", **post),
            "restore_href": self._url("ideas:restore_post", **post),
            "hidden": hidden,
        }

    def _comment_hidden_notice(self, comment: Comment, mine: bool) -> str:
        if not comment.is_hidden:
            return ""
        if mine or self.viewer.can_moderate:
            who = "your comment" if mine else "this comment"
            return f"A moderator hid {who}. The reason they gave: {comment.hidden_reason}"
        return "A moderator hid this comment."
