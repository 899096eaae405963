"""The moderation queue: reported posts waiting for a moderator, and hidden posts."""

from typing import Any

from django.urls import reverse

from pulse.core.formatting import nhs_date
from pulse.ideas.authorship import displayed_author
from pulse.ideas.models import Comment, Idea
from pulse.ideas.presenters.common import idea_href, paragraphs, plural
from pulse.organisations.models import ICS


def _links(ics: ICS, kind: str, post_id: int) -> dict[str, str]:
    kwargs = {"ics_code": ics.url_code, "kind": kind, "post_id": post_id}
    return {
        "hide": reverse("ideas:hide_post", kwargs=kwargs),
        "dismiss": reverse("ideas:dismiss_reports", kwargs=kwargs),
        "restore": reverse("ideas:restore_post", kwargs=kwargs),
    }


def _item(ics: ICS, post: Idea | Comment) -> dict[str, Any]:
    if isinstance(post, Idea):
        kind, idea, heading, text = "idea", post, f"Idea: {post.title}", post.description
    else:
        kind, idea, heading, text = "comment", post.idea, f"Comment on {post.idea.title}", post.body
    reports = getattr(post, "open_reports", [])
    return {
        "heading": heading,
        "href": idea_href(ics.url_code, idea),
        "author": displayed_author(post),
        "posted": nhs_date(post.created_at),
        "text": paragraphs(text),
        "reports": plural(len(reports), "report"),
        "reasons": [report.reason for report in reports],
        "hidden_reason": post.hidden_reason,
        "links": _links(ics, kind, post.pk),
    }


def queue_items(ics: ICS, ideas: list[Idea], comments: list[Comment]) -> list[dict[str, Any]]:
    return [_item(ics, post) for post in [*ideas, *comments]]


def post_summary(ics: ICS, post: Idea | Comment) -> dict[str, Any]:
    """The post a moderator is about to act on."""
    return _item(ics, post)
