"""A person's own pages: their notifications, their ideas, and "You said, we did"."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.urls import reverse
from django.utils.html import format_html

from pulse.core.formatting import nhs_date
from pulse.core.presenters import pagination
from pulse.ideas.authorship import ANONYMOUS, displayed_author
from pulse.ideas.models import Idea, Notification
from pulse.ideas.presenters.common import (
    challenge_href,
    count_or_zero,
    idea_href,
    paragraphs,
    plural,
    stage_tag,
)
from pulse.ideas.presenters.ideas import linked_action
from pulse.organisations.models import ICS


@dataclass
class NotificationsPresenter:
    ics: ICS
    page: Page
    query: Mapping[str, str]

    @property
    def items(self) -> list[dict[str, Any]]:
        return [self._item(note) for note in self.page.object_list]

    def _item(self, note: Notification) -> dict[str, Any]:
        if note.idea_id:
            href = idea_href(self.ics.url_code, note.idea)
        elif note.challenge_id:
            href = challenge_href(self.ics.url_code, note.challenge)
        else:
            href = ""
        return {
            "text": note.text,
            "href": href,
            "date": nhs_date(note.created_at, with_time=True),
            "unread": note.read_at is None,
        }

    @property
    def has_unread(self) -> bool:
        return any(note.read_at is None for note in self.page.object_list)

    @property
    def pagination(self) -> dict[str, Any]:
        return pagination(self.page, self.query)


def my_idea_rows(ics: ICS, ideas: list[Idea]) -> list[list[dict[str, Any]]]:
    rows = []
    for idea in ideas:
        link = format_html(
            '<a class="nhsuk-link" href="{}">{}</a>', idea_href(ics.url_code, idea), idea.title
        )
        tag = stage_tag(idea.stage)
        status = "Hidden by a moderator" if idea.is_hidden else tag["text"]
        rows.append(
            [
                {"html": link},
                {"text": idea.challenge.title},
                {"text": status},
                {"text": f"\u201c{ANONYMOUS}\u201d" if idea.anonymous else "Your name"},
                {"text": plural(count_or_zero(idea, "support_count"), "support")},
            ]
        )
    return rows


def outcome_items(
    ics: ICS, ideas: list[Idea], *, can_view_actions: bool = False
) -> list[dict[str, Any]]:
    """Implemented ideas with the feedback given when they were put into practice, and the
    action of the plan each became (linked for people who can read the plan)."""
    items = []
    for idea in ideas:
        arrival = next(iter(getattr(idea, "arrivals", [])), None)
        items.append(
            {
                "title": idea.title,
                "href": idea_href(ics.url_code, idea),
                "challenge": idea.challenge.title,
                "author": displayed_author(idea),
                "supports": plural(count_or_zero(idea, "support_count"), "support"),
                "feedback": paragraphs(arrival.feedback) if arrival else [],
                "date": nhs_date(arrival.created_at) if arrival else "",
                "you_said": paragraphs(idea.description)[:1],
                "action": linked_action(ics, idea, can_view_actions=can_view_actions),
            }
        )
    return items


def idea_list_links(ics: ICS) -> dict[str, str]:
    def url(name: str) -> str:
        return reverse(name, kwargs={"ics_code": ics.url_code})

    return {
        "notifications": url("ideas:list_notifications"),
        "settings": url("ideas:edit_notification_settings"),
        "my_ideas": url("ideas:list_my_ideas"),
        "outcomes": url("ideas:show_outcomes"),
    }
