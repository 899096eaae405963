"""Browser journeys: Playwright driving Debian's Chromium against the live test server.

Every page a journey stays on is checked with axe-core for WCAG 2.2 A and AA, automatically:
the `page` fixtures run axe each time a page finishes loading (a form posted back with errors
included), unless the journey is already leaving it, and the test fails at the end if any page
had violations. Journeys also call
`check_page` where they want more: a title, exactly one h1, the banner/main/contentinfo
landmarks and no Content-Security-Policy violations.

Every navigation is recorded by URL name, so `test_every_page_is_visited.py` (run last) can
fail when a page has no browser journey. A test whose name mentions the keyboard fails if the
mouse was used.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, Page, Request, sync_playwright
from playwright.sync_api import Error as PlaywrightError

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


#: URL names of every page a browser test navigated to (or posted a form to) in this session.
VISITED: set[str] = set()
#: Browser test files that ran in this session, for `test_every_page_is_visited.py`.
RAN: set[str] = set()
#: Reports every pointer press to the test, so a keyboard-only journey can prove it used none.
POINTER_SCRIPT = """
window.addEventListener('pointerdown', e => { if (e.isTrusted) window.pulsePointer(e.type); }, true);
window.addEventListener('mousedown', e => { if (e.isTrusted) window.pulsePointer(e.type); }, true);
"""
#: What axe is keyed on, so an unchanged page is not checked twice.
STATE_SCRIPT = "() => [document.contentType, location.href, document.title, document.body ? document.body.innerText.length : 0].join('|')"  # fmt: skip


def _is_navigation(request: Request) -> bool:
    return request.is_navigation_request() and request.frame.parent_frame is None


def _record_visit(request: Request) -> None:
    if not _is_navigation(request):
        return
    try:
        match = resolve(urlsplit(request.url).path)
    except Resolver404:
        return
    if match.view_name:
        VISITED.add(match.view_name)


def _count_navigation(page: Page, request: Request) -> None:
    if _is_navigation(request):
        page.navigations += 1  # type: ignore[attr-defined]


def _axe_on_load(page: Page) -> None:
    """Run axe on the page that has just loaded, once per distinct page state."""
    before = page.navigations  # type: ignore[attr-defined]
    try:
        state = page.evaluate(STATE_SCRIPT)
        if not state.startswith("text/html") or state in page.axe_checked:  # type: ignore[attr-defined]
            return
        if page.navigations != before:  # type: ignore[attr-defined]
            # The journey is already leaving (a form is being posted): axe would only compete
            # with the server for the CPU. Pages a journey stays on are checked.
            return
        page.axe_checked.add(state)  # type: ignore[attr-defined]
        violations = axe_violations(page)
    except PlaywrightError:
        return  # the journey moved on before the check finished; the next page is checked
    if violations:
        page.axe_problems.append(
            f"axe found problems on {page.url}:\n{json.dumps(violations, indent=2)}"
        )  # type: ignore[attr-defined]


def _watched(page: Page, pointer: list[str]) -> Page:
    page.set_default_timeout(10_000)
    page.axe_checked = set()  # type: ignore[attr-defined]
    page.axe_problems = []  # type: ignore[attr-defined]
    page.navigations = 0  # type: ignore[attr-defined]
    page.on("request", _record_visit)
    page.on("request", lambda r: _count_navigation(page, r))
    page.on("load", _axe_on_load)
    page.context.expose_function("pulsePointer", lambda kind: pointer.append(kind))
    page.context.add_init_script(POINTER_SCRIPT)
    return page


def _settle(page: Page) -> None:
    """Let the last page's load check run: Playwright hands events to Python only while a call
    to the browser is in progress."""
    try:
        page.evaluate("0")
        page.wait_for_timeout(50)
    except PlaywrightError:
        pass  # the page or its browser has already gone


def _finish(page: Page, request: pytest.FixtureRequest, pointer: list[str]) -> None:
    problems = page.axe_problems  # type: ignore[attr-defined]
    assert not problems, "\n".join(problems)
    if "keyboard" in request.node.name:
        assert not pointer, f"a keyboard-only journey used the mouse: {pointer[:5]}"


@pytest.fixture(autouse=True)
def _ran(request: pytest.FixtureRequest) -> None:
    RAN.add(Path(str(request.node.fspath)).name)


@pytest.fixture
def page(browser: Browser, live_server: object, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=True)  # type: ignore[attr-defined]
    pointer: list[str] = []
    page = _watched(context.new_page(), pointer)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.csp_problems = problems  # type: ignore[attr-defined]
    yield page
    _settle(page)
    context.close()
    _finish(page, request, pointer)


@pytest.fixture
def page_without_js(
    browser: Browser, live_server: object, request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)  # type: ignore[attr-defined]
    pointer: list[str] = []
    page = _watched(context.new_page(), pointer)
    yield page
    _settle(page)
    context.close()
    _finish(page, request, pointer)


def axe_violations(page: Page) -> list[dict[str, object]]:
    if not AXE_SOURCE.exists():
        pytest.fail("axe-core is missing: run `make test` (npm ci installs it)")
    # Evaluated through the DevTools protocol, so the page's strict CSP does not block it.
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(AXE_SOURCE.read_text())
    # Only violations are wanted: asking for no passes keeps axe quick on long results pages.
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
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
    checked = getattr(page, "axe_checked", set())
    state = page.evaluate(STATE_SCRIPT)
    if state in checked:
        return  # axe ran on this very page when it loaded (its problems fail the test)
    checked.add(state)
    violations = axe_violations(page)
    assert not violations, f"axe found problems on {page.url}:\n{json.dumps(violations, indent=2)}"
