import logging

import pytest
from django.test import Client, override_settings
from django.urls import include, path

from pulse.core.tests.html import assert_page_basics, soup, text

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("/", "Find out how involved your clinical and care professional leaders feel"),
    ("/privacy/", "Privacy notice"),
    ("/accessibility/", "Accessibility statement"),
    ("/cookies/", "Cookies"),
    ("/sign-in/", "Sign in"),
    ("/password-reset/", "Reset your password"),
]


@pytest.mark.parametrize(("url", "heading"), PUBLIC_PAGES)
def test_public_pages_have_a_title_one_heading_and_landmarks(
    client: Client, url: str, heading: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert_page_basics(response)
    assert soup(response).h1.get_text(strip=True) == heading
    assert "Leadership Pulse" in soup(response).title.get_text()


def test_every_page_has_the_nhs_header_phase_banner_and_footer_links(client: Client) -> None:
    page = soup(client.get("/"))
    assert (
        "Leadership Pulse"
        in page.select_one(".nhsuk-header__service-name, .nhsuk-header").get_text()
    )
    assert "Beta" in page.select_one(".app-phase-banner").get_text()
    footer_links = [a.get_text(strip=True) for a in page.select("footer a")]
    assert footer_links[:3] == ["Privacy notice", "Accessibility statement", "Cookies"]


def test_start_page_explains_the_minimum_group_size(client: Client) -> None:
    assert "fewer than 10 people" in text(client.get("/"))


@override_settings(PULSE_MIN_GROUP_SIZE=15)
def test_privacy_notice_states_the_configured_minimum_group_size(client: Client) -> None:
    from django.template import engines

    engines["jinja2"].env.globals["min_group_size"] = 15
    try:
        assert "groups of at least 15 people" in text(client.get("/privacy/"))
    finally:
        engines["jinja2"].env.globals["min_group_size"] = 10


def test_unknown_page_shows_the_nhs_page_not_found(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "Page not found"
    assert_page_basics(response)


def boom(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("simulated fault")


urlpatterns = [path("boom/", boom), path("", include("pulse.config.urls"))]
handler500 = "pulse.core.views.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_fault_shows_the_nhs_problem_page_without_details(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR):
        response = client.get("/boom/")
    assert response.status_code == 500
    assert soup(response).h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    assert "simulated fault" not in response.content.decode()


def test_responses_carry_security_headers_and_are_never_stored(client: Client) -> None:
    response = client.get("/")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_the_one_inline_script_carries_the_csp_nonce(client: Client) -> None:
    response = client.get("/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    inline = [s for s in soup(response).find_all("script") if not s.get("src")]
    assert inline, "the design system's js-enabled snippet should be present"
    assert all(s.get("nonce") == nonce for s in inline)


def test_no_page_loads_anything_from_another_host(client: Client) -> None:
    page = soup(client.get("/"))
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in page.find_all(tag):
            value = element.get(attr) or ""
            assert not value.startswith(("http:", "https:", "//")), f"{tag} loads {value}"


def test_a_form_posted_without_its_csrf_token_gets_an_nhs_page() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/sign-in/", {"email": "a@example.nhs.uk", "password": "x"})
    assert response.status_code == 403
    assert soup(response).h1.get_text(strip=True) == "Your session has expired"
