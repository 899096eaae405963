"""Browser journeys: Playwright driving Debian's Chromium against the live test server.

Every page a journey visits is checked with `check_page`: a title, exactly one h1, the
banner/main/contentinfo landmarks, no Content-Security-Policy violations and no axe-core
violations of WCAG 2.2 A and AA.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("PULSE_CHROMIUM", "/usr/bin/chromium")
AXE_SOURCE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    # Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
    # to set up data are still synchronous and safe, so Django's async guard is relaxed here only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.csp_problems = problems  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page: Page) -> list[dict[str, object]]:
    if not AXE_SOURCE.exists():
        pytest.fail("axe-core is missing: run `make test` (npm ci installs it)")
    # Evaluated through the DevTools protocol, so the page's strict CSP does not block it.
    page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def check_page(page: Page) -> None:
    """The checks every page a journey visits must pass."""
    assert page.title().strip(), f"{page.url} has no title"
    assert page.locator("h1").count() == 1, f"{page.url} must have exactly one h1"
    for landmark in ("banner", "main", "contentinfo"):
        assert page.get_by_role(landmark).count() >= 1, f"{page.url} has no {landmark} landmark"
    csp = [p for p in getattr(page, "csp_problems", []) if "Content Security Policy" in p]
    assert not csp, f"{page.url} broke the Content Security Policy: {csp}"
    violations = axe_violations(page)
    assert not violations, f"axe found problems on {page.url}:\n{json.dumps(violations, indent=2)}"
