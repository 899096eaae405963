"""The results pages of one wave: the contents list and previous/next links."""

from typing import Any

from django.urls import reverse

from pulse.organisations.models import ICS
from pulse.surveys.models import Wave

PAGES: list[tuple[str, str]] = [
    ("reports:show_results", "Overview"),
    ("reports:show_layers", "Involvement by layer"),
    ("reports:show_principles", "The five principles"),
    ("reports:show_change", "Change since earlier surveys"),
    ("reports:show_breakdowns", "Results by group"),
    ("reports:show_questions", "Answers to each question"),
    ("reports:show_benchmark", "Benchmark against England"),
    ("reports:show_reliability", "Reliability of the scales"),
    ("reports:show_comments", "Comments"),
    ("reports:list_downloads", "Download the report and data"),
]
TITLES = dict(PAGES)


def page_url(name: str, ics: ICS, wave: Wave) -> str:
    return reverse(name, kwargs={"ics_code": ics.url_code, "wave_id": wave.pk})


def contents(ics: ICS, wave: Wave, current: str) -> list[dict[str, Any]]:
    return [
        {"href": page_url(name, ics, wave), "text": title, "current": name == current}
        for name, title in PAGES
    ]


def pager(ics: ICS, wave: Wave, current: str) -> dict[str, Any]:
    """Previous and next pages, for the NHS pagination component."""
    names = [name for name, _ in PAGES]
    index = names.index(current)
    params: dict[str, Any] = {"ariaLabel": "Previous and next results pages"}
    if index > 0:
        name = names[index - 1]
        params["previous"] = {"href": page_url(name, ics, wave), "labelText": TITLES[name]}
    if index < len(names) - 1:
        name = names[index + 1]
        params["next"] = {"href": page_url(name, ics, wave), "labelText": TITLES[name]}
    return params
