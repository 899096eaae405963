"""Every results page for an ICS viewer: headings, hidden cells in words, the breakdown filter."""

import pytest
from django.test import Client

from pulse.core.tests.html import assert_page_basics, soup, text
from pulse.reports.models import WavePublication
from pulse.reports.presenters.navigation import PAGES
from pulse.reports.tests.builders import results_url
from pulse.surveys.models import Wave

pytestmark = pytest.mark.django_db

PAGE_PATHS = {
    "reports:show_results": "",
    "reports:show_layers": "layers/",
    "reports:show_principles": "principles/",
    "reports:show_change": "change/",
    "reports:show_breakdowns": "groups/",
    "reports:show_questions": "questions/",
    "reports:show_benchmark": "england/",
    "reports:show_reliability": "reliability/",
    "reports:show_comments": "comments/",
    "reports:list_downloads": "downloads/",
}


@pytest.mark.parametrize(("name", "title"), PAGES)
def test_every_results_page_shows_to_a_viewer(
    viewer_client: Client, rerun: Wave, name: str, title: str
) -> None:
    response = viewer_client.get(results_url(rerun, PAGE_PATHS[name]))
    assert response.status_code == 200
    assert_page_basics(response)
    page = soup(response)
    assert page.h1.get_text(strip=True) == title
    assert "no-store" in response["Cache-Control"]
    current = page.select_one(".nhsuk-contents-list__current")
    assert current is not None and current.get_text(strip=True) == title
    assert not page.select("[style]"), "a style attribute would break the CSP"


def test_the_results_home_lists_published_waves_only(
    viewer_client: Client, pair: tuple[Wave, Wave]
) -> None:
    baseline, rerun = pair
    page = text(viewer_client.get(f"/ics/{rerun.ics.url_code}/results/"))
    assert baseline.title in page and rerun.title in page


def test_the_overview_gives_the_headline_in_nhs_style(viewer_client: Client, rerun: Wave) -> None:
    page = text(viewer_client.get(results_url(rerun)))
    assert "Responses 140" in page
    assert "Response rate Not available" in page
    assert "out of 10 (95% confidence interval" in page
    assert "Biggest strengths" in page and "Biggest gaps" in page
    assert "improved significantly" in page


def test_hidden_groups_say_fewer_than_10_responses(viewer_client: Client, rerun: Wave) -> None:
    response = viewer_client.get(results_url(rerun, "groups/?by=profession_group"))
    cells = [c.get_text(" ", strip=True) for c in soup(response).select(".app-hidden-cell")]
    assert "Fewer than 10 responses" in cells
    assert all(cells), "a hidden cell must never be blank"


def test_groups_hidden_for_another_reason_say_so(viewer_client: Client, rerun: Wave) -> None:
    response = viewer_client.get(results_url(rerun, "groups/?by=role_level__layer"))
    page = text(response)
    assert "Leadership role by level of the system worked at" in page
    assert "Fewer than 10 responses" in page or "Hidden to protect a small group" in page
    assert "could otherwise be combined with others" in page


@pytest.mark.parametrize(
    "code",
    [
        "profession_group",
        "sector",
        "role_level",
        "place",
        "layer",
        "age_band",
        "sex",
        "ethnic_group",
        "disability",
        "role_level__layer",
        "sector__layer",
    ],
)
def test_the_breakdown_filter_offers_and_accepts_each_allowed_dimension(
    viewer_client: Client, rerun: Wave, code: str
) -> None:
    response = viewer_client.get(results_url(rerun, f"groups/?by={code}"))
    assert response.status_code == 200
    options = [o["value"] for o in soup(response).select("select[name=by] option")]
    assert code in options and len(options) == 11
    assert soup(response).select_one(f"select[name=by] option[value={code}]").has_attr("selected")


@pytest.mark.parametrize(
    "value",
    ["response_id", "profession_group__sector", "place__layer__sex", "", "' OR 1=1", "ics_code"],
)
def test_the_breakdown_filter_refuses_anything_else_with_a_clear_error(
    viewer_client: Client, rerun: Wave, value: str
) -> None:
    response = viewer_client.get(results_url(rerun, "groups/"), {"by": value})
    assert response.status_code == 400
    assert "Select a breakdown from the list" in text(response)
    assert soup(response).title.get_text().startswith("Error:")


def test_the_funnel_plot_score_filter_refuses_unknown_scores(
    viewer_client: Client, rerun: Wave
) -> None:
    assert viewer_client.get(results_url(rerun, "england/"), {"score": "P3"}).status_code == 200
    response = viewer_client.get(results_url(rerun, "england/"), {"score": "nonsense"})
    assert response.status_code == 400
    assert "Select a score from the list" in text(response)


def test_the_benchmark_shows_quartile_bands_and_a_funnel_plot(
    viewer_client: Client, rerun: Wave
) -> None:
    page = text(viewer_client.get(results_url(rerun, "england/")))
    assert "compared with 5 systems in England" in page
    assert "quarter" in page
    assert "Funnel plot of the involvement index score" in page
    assert "Other systems are not named" in page


def test_the_benchmark_says_when_fewer_than_five_systems_have_results(
    viewer_client: Client, pair: tuple[Wave, Wave]
) -> None:
    page = text(viewer_client.get(results_url(pair[0], "england/")))
    assert "needs published results of the same survey from at least 5 systems" in page


def test_the_change_page_marks_each_score_in_words(viewer_client: Client, rerun: Wave) -> None:
    page = text(viewer_client.get(results_url(rerun, "change/")))
    assert "Change since the baseline" in page
    assert "Improved" in page
    assert "Compared with Pulse check baseline" in page


def test_the_baseline_says_it_has_nothing_to_compare_with(
    viewer_client: Client, pair: tuple[Wave, Wave]
) -> None:
    page = text(viewer_client.get(results_url(pair[0], "change/")))
    assert "it is the baseline" in page


def test_comments_show_themes_with_redacted_examples(viewer_client: Client, rerun: Wave) -> None:
    page = soup(viewer_client.get(results_url(rerun, "comments/")))
    assert page.select(".app-theme h4"), "the re-run has enough comments for themes"
    assert page.select(".app-quote")


def test_reliability_lists_every_scale(viewer_client: Client, rerun: Wave) -> None:
    page = text(viewer_client.get(results_url(rerun, "reliability/")))
    assert "Cronbach's alpha" in page and "Principle 3" in page


def test_pages_say_hidden_cells_with_the_configured_minimum_group_size(
    viewer_client: Client, rerun: Wave
) -> None:
    WavePublication.objects.filter(wave=rerun).update(k=12)
    page = text(viewer_client.get(results_url(rerun, "groups/?by=profession_group")))
    assert "Fewer than 12 responses" in page


def test_a_published_wave_whose_results_are_not_ready_says_so(
    viewer_client: Client, rerun: Wave
) -> None:
    WavePublication.objects.filter(wave=rerun).delete()
    response = viewer_client.get(results_url(rerun, "layers/"))
    assert response.status_code == 200
    assert "Your results are being prepared" in text(response)


def test_the_ics_navigation_has_a_results_link(viewer_client: Client, rerun: Wave) -> None:
    links = soup(viewer_client.get(f"/ics/{rerun.ics.url_code}/")).select(
        ".nhsuk-header__navigation-link"
    )
    assert "Results" in [a.get_text(strip=True) for a in links]


def test_the_response_rate_is_shown_when_leaders_were_invited(
    viewer_client: Client, rerun: Wave
) -> None:
    WavePublication.objects.filter(wave=rerun).update(invited=200)
    page = text(viewer_client.get(results_url(rerun)))
    assert "Response rate 70% (140 responses from 200 leaders invited)" in page
