from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.utils.http import urlencode

from pulse.core.formatting import nhs_date


def page_number(raw: str | None) -> int:
    """A page number from a query string; anything that is not a positive integer means page 1."""
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def pagination(page: Page, query: Mapping[str, str]) -> dict[str, Any]:
    """Parameters for the NHS pagination component, keeping the other query parameters."""

    def href(number: int) -> str:
        params = {k: v for k, v in query.items() if k != "page" and v}
        params["page"] = str(number)
        return "?" + urlencode(params)

    params: dict[str, Any] = {}
    if page.has_previous():
        params["previous"] = {
            "href": href(page.previous_page_number()),
            "labelText": f"Page {page.number - 1}",
        }
    if page.has_next():
        params["next"] = {
            "href": href(page.next_page_number()),
            "labelText": f"Page {page.number + 1}",
        }
    return params


@dataclass
class AuditLogPresenter:
    page: Page
    query: Mapping[str, str]
    actions: list[str]

    @property
    def rows(self) -> list[list[dict[str, str]]]:
        return [
            [
                {"text": nhs_date(entry.created_at, with_time=True)},
                {"text": entry.actor_label},
                {"text": entry.action.replace("_", " ")},
                {"text": f"{entry.target_type.split('.')[-1]}: {entry.target_label}"},
                {"text": entry.ics_code.upper() or "–"},
            ]
            for entry in self.page.object_list
        ]

    @property
    def pagination(self) -> dict[str, Any]:
        return pagination(self.page, self.query)

    @property
    def action_items(self) -> list[dict[str, Any]]:
        current = self.query.get("action", "")
        return [{"value": "", "text": "All actions"}] + [
            {"value": a, "text": a.replace("_", " "), "selected": a == current}
            for a in self.actions
        ]
