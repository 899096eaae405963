"""Helpers for reading pages the way a user (or a screen reader) would."""

from bs4 import BeautifulSoup
from django.http import HttpResponse


def soup(response: HttpResponse) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response: HttpResponse) -> str:
    return " ".join(soup(response).get_text(" ").split())


def error_summary(response: HttpResponse) -> list[str]:
    """The messages in the NHS error summary, in order."""
    summary = soup(response).select_one(".nhsuk-error-summary")
    if summary is None:
        return []
    return [" ".join(li.get_text(" ").split()) for li in summary.select("li")]


def assert_page_basics(response: HttpResponse) -> None:
    """A title, exactly one h1, and the header, main and footer landmarks."""
    page = soup(response)
    assert page.title and page.title.get_text().strip(), "the page has no title"
    assert len(page.find_all("h1")) == 1, "the page must have exactly one h1"
    assert page.find("header"), "the page has no header (banner) landmark"
    assert page.find("main"), "the page has no main landmark"
    assert page.find("footer"), "the page has no footer (contentinfo) landmark"
    assert page.select_one("a.nhsuk-skip-link[href='#maincontent']"), "the skip link is missing"
