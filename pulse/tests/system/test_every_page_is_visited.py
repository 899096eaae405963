"""Every page of the site is visited by at least one browser journey, so axe checks it (issue 10,
item 8), or is listed here with the reason it has no journey.

The `page` fixtures record the URL name of every navigation (links followed, forms posted,
downloads started). This file's name sorts after every journey folder, so it runs last; when
only some journeys ran (a file or `-k` was given) it is skipped, because it cannot know.
A new page without a journey fails it until a journey visits it or it is listed below.
"""

from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from pulse.tests.system.conftest import RAN, VISITED

pytestmark = pytest.mark.browser

#: URL prefixes that are not pages of the service.
NOT_PAGES = {
    "django-admin/": "the Django admin is Django's own, for platform admins only",
    "api/": "the JSON API has no pages; Schemathesis checks it",
}
FILE = "a file download, not a page: its content is checked by its own download test"
POST_ONLY = "a button's POST action that redirects: it has no page of its own"
#: Pages no journey visits, and why.
NO_JOURNEY: dict[str, str] = {
    "actions:download_plan": FILE,
    "assessments:download_report": FILE,
    "ideas:export_ideas_csv": FILE,
    "ideas:export_ideas_xlsx": FILE,
    "national:download_england_file": FILE,
    "national:download_region_file": FILE,
    "reports:download_report": FILE,
    "surveys:download_example_workbook": FILE,
    "surveys:export_instrument": FILE,
    "ideas:mark_notifications_read": POST_ONLY,
    "ideas:withdraw_support": POST_ONLY,
}


def _names(resolvers: list[object], prefix: str = "", namespace: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= _names(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found[namespace + entry.name] = prefix + str(entry.pattern)
    return found


def every_page() -> dict[str, str]:
    """URL name -> route, for every named route that is a page of the service."""
    return {
        name: route
        for name, route in _names(get_resolver().url_patterns).items()
        if not route.startswith(tuple(NOT_PAGES))
    }


def test_every_page_is_visited_by_a_browser_journey_or_listed_with_a_reason() -> None:
    journeys = {p.name for p in Path(__file__).parent.rglob("test_*.py")} - {Path(__file__).name}
    if not journeys <= RAN:
        pytest.skip(f"only some journeys ran; run them all (missing: {sorted(journeys - RAN)[:3]})")
    pages = every_page()
    assert len(pages) > 100
    missing = sorted(set(pages) - VISITED - set(NO_JOURNEY))
    assert missing == [], (
        "pages no browser journey visits (add a journey or a reason):\n"
        + "\n".join(f"  {name}: /{pages[name]}" for name in missing)
    )
    stale = sorted(set(NO_JOURNEY) - set(pages))
    assert stale == [], f"listed pages that no longer exist: {stale}"
    gaps = {name for name, reason in NO_JOURNEY.items() if reason.startswith("NOT YET COVERED")}
    now_covered = sorted(gaps & VISITED)
    assert now_covered == [], f"a journey now visits these: take them off the list: {now_covered}"
