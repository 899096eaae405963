"""The ideas home page (challenges) and a challenge's page (its ideas, searched and sorted)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page
from django.urls import reverse

from pulse.core.formatting import nhs_date
from pulse.core.presenters import pagination
from pulse.ideas.authorship import displayed_author
from pulse.ideas.models import Challenge, Idea
from pulse.ideas.presenters.common import (
    challenge_href,
    challenge_status,
    count_or_zero,
    idea_href,
    paragraphs,
    plural,
    principle_items,
    stage_tag,
)
from pulse.organisations.models import ICS


def challenge_card(ics: ICS, challenge: Challenge, today: date) -> dict[str, Any]:
    status = challenge_status(challenge, today)
    ideas = plural(count_or_zero(challenge, "idea_count"), "idea")
    return {
        "heading": challenge.title,
        "href": challenge_href(ics.url_code, challenge),
        "description": f"{challenge.question} {status['sentence']}. {ideas}.",
        "status": status,
    }


@dataclass
class ChallengeListPresenter:
    ics: ICS
    challenges: list[Challenge]
    today: date
    unread: int
    open_reports: int

    def _cards(self, keep: Any) -> list[dict[str, Any]]:
        return [challenge_card(self.ics, c, self.today) for c in self.challenges if keep(c)]

    @property
    def open_challenges(self) -> list[dict[str, Any]]:
        return self._cards(lambda c: c.is_open_on(self.today))

    @property
    def upcoming_challenges(self) -> list[dict[str, Any]]:
        return self._cards(lambda c: self.today < c.opens_on)

    @property
    def closed_challenges(self) -> list[dict[str, Any]]:
        return self._cards(lambda c: self.today > c.closes_on)

    @property
    def notifications_text(self) -> str:
        return "Your notifications" + (f" ({self.unread} new)" if self.unread else "")

    @property
    def reports_text(self) -> str:
        waiting = f" ({plural(self.open_reports, 'report')} waiting)" if self.open_reports else ""
        return "Moderation queue" + waiting


def idea_card(ics: ICS, idea: Idea) -> dict[str, Any]:
    supports = count_or_zero(idea, "support_count")
    comments = count_or_zero(idea, "comment_count")
    return {
        "title": idea.title,
        "href": idea_href(ics.url_code, idea),
        "author": displayed_author(idea),
        "posted": nhs_date(idea.created_at),
        "stage": stage_tag(idea.stage),
        "counts": f"{plural(supports, 'support')}, {plural(comments, 'comment')}",
        "principles": principle_items(idea.principle_codes),
    }


@dataclass
class ChallengePagePresenter:
    ics: ICS
    challenge: Challenge
    page: Page
    query: Mapping[str, str]
    today: date
    filtered: bool

    @property
    def status(self) -> dict[str, str]:
        return challenge_status(self.challenge, self.today)

    @property
    def is_open(self) -> bool:
        return self.challenge.is_open_on(self.today)

    @property
    def description(self) -> list[str]:
        return paragraphs(self.challenge.description)

    @property
    def principles(self) -> list[dict[str, str]]:
        return principle_items(self.challenge.principle_codes)

    @property
    def ideas(self) -> list[dict[str, Any]]:
        return [idea_card(self.ics, idea) for idea in self.page.object_list]

    @property
    def results_heading(self) -> str:
        count = self.page.paginator.count
        if not count:
            return "No ideas match your search" if self.filtered else "No ideas yet"
        shown = plural(count, "idea")
        if self.page.paginator.num_pages > 1:
            shown += f" (page {self.page.number} of {self.page.paginator.num_pages})"
        return shown

    @property
    def pagination(self) -> dict[str, Any]:
        return pagination(self.page, self.query)

    def _url(self, name: str) -> str:
        kwargs = {"ics_code": self.ics.url_code, "challenge_id": self.challenge.pk}
        return reverse(name, kwargs=kwargs)

    @property
    def add_idea_href(self) -> str:
        return self._url("ideas:add_idea")

    @property
    def edit_href(self) -> str:
        return self._url("ideas:edit_challenge")

    @property
    def export_links(self) -> list[dict[str, str]]:
        return [
            {
                "href": self._url("ideas:list_idea_downloads"),
                "text": "Download the ideas (CSV or Excel)",
            },
        ]
