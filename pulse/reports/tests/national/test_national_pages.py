"""The England and region pages: who may open them, what they compare and say so, the table of
systems filtered by region and sorted, drill-down to a system's results only where the analyst
may read them, England's and the regions' figures, and a funnel plot with its data table."""

import pytest
from django.test import Client
from django.urls import reverse

from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.organisations.models import ICS, Role
from pulse.organisations.services import benchmark_consent_set
from pulse.organisations.tests.factories import member
from pulse.reports.tests.national.conftest import LONDON, NORTH_WEST, analyst
from pulse.reports.tests.national_builders import NationalData

pytestmark = pytest.mark.django_db

ENGLAND = reverse("national:show_england")
NW_PAGE = reverse("national:show_region", kwargs={"region_code": NORTH_WEST.lower()})
NEY_PAGE = reverse("national:show_region", kwargs={"region_code": "y63"})
NORTH_WEST_SYSTEMS = [
    "Cheshire and Merseyside",
    "Greater Manchester",
    "Lancashire and South Cumbria",
]
ALL_SYSTEMS = sorted(
    [*NORTH_WEST_SYSTEMS, "West Yorkshire", "South Yorkshire", "Birmingham and Solihull"]
)


def _systems(response: object) -> list[str]:
    """The system names in the table of systems, top to bottom."""
    rows = soup(response).select("#systems-table tbody tr")  # type: ignore[arg-type]
    return [
        row.select_one("th, td").get_text(" ", strip=True).split(":")[0].strip() for row in rows
    ]


def _links(response: object) -> set[str]:
    return {a["href"] for a in soup(response).select("a[href]")}  # type: ignore[arg-type]


def test_a_national_analyst_sees_every_system_compared_and_which_surveys(
    national_client: Client, national: NationalData
) -> None:
    response = national_client.get(ENGLAND)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert_page_basics(response)
    page = text(response)
    assert soup(response).h1.get_text(strip=True) == "England"
    assert "Each system's latest published CCPL Pulse Check (version 1) that closed between" in page
    assert "6 systems. Only surveys of this version are compared" in page
    assert "Surveys with fewer than 10 responses are not included" in page
    compared = soup(response).select_one("details").select("table tbody tr")
    assert len(compared) == 6 and "Bristol" not in page  # the survey of 8 is left out
    assert _systems(response) == ALL_SYSTEMS
    assert "6 systems with published results" in page
    areas = [
        r.select_one("th").get_text(strip=True)
        for r in soup(response).select("#areas-table tbody tr")
    ]
    assert areas[0] == "England" and {"North West", "Midlands"} <= set(areas)


def test_the_table_filters_by_region(national_client: Client, national: NationalData) -> None:
    response = national_client.get(ENGLAND, {"region": "y63"})

    assert response.status_code == 200
    assert _systems(response) == ["South Yorkshire", "West Yorkshire"]
    areas = [
        r.select_one("th").get_text(strip=True)
        for r in soup(response).select("#areas-table tbody tr")
    ]
    assert areas == ["England", "North East and Yorkshire"]
    chosen = soup(response).select_one("select[name=region] option[selected]")
    assert chosen is not None and chosen["value"] == "y63"
    region_page = soup(response).find("a", string="Open the North East and Yorkshire page")
    assert region_page is not None and region_page["href"] == NEY_PAGE
    assert soup(national_client.get(ENGLAND)).find("a", string="Open the North West page") is None


def test_an_unknown_region_filter_says_what_to_do_and_shows_every_system(
    national_client: Client, national: NationalData
) -> None:
    response = national_client.get(ENGLAND, {"region": "atlantis", "sort": "<script>"})

    assert response.status_code == 400
    assert error_summary(response) == [
        "Select a region from the list",
        "Select how to sort the systems",
    ]
    assert _systems(response) == ALL_SYSTEMS


def test_the_filter_form_starts_from_the_order_the_table_is_in(
    national_client: Client, national: NationalData
) -> None:
    form = soup(national_client.get(ENGLAND))
    for name, value in {"sort": "name", "order": "asc", "view": "principles"}.items():
        chosen = form.select_one(f"select[name={name}] option[selected]")
        assert chosen is not None and chosen["value"] == value, name
    filtered = national_client.get(ENGLAND, {"region": "y62", "sort": "name", "order": "asc"})
    assert _systems(filtered) == NORTH_WEST_SYSTEMS


def test_the_table_sorts_by_responses_and_by_name(
    national_client: Client, national: NationalData
) -> None:
    by_responses = _systems(national_client.get(ENGLAND, {"sort": "responses", "order": "desc"}))
    # 140 (QYG's re-run), 60, 55, 50, 45, 40
    assert by_responses == [
        "Cheshire and Merseyside",
        "Greater Manchester",
        "West Yorkshire",
        "Birmingham and Solihull",
        "Lancashire and South Cumbria",
        "South Yorkshire",
    ]
    fewest_first = _systems(national_client.get(ENGLAND, {"sort": "responses", "order": "asc"}))
    assert fewest_first == list(reversed(by_responses))
    assert _systems(national_client.get(ENGLAND, {"sort": "name", "order": "desc"})) == sorted(
        ALL_SYSTEMS, reverse=True
    )
    header = soup(national_client.get(ENGLAND, {"sort": "responses", "order": "desc"}))
    sorted_by = header.select_one("#systems-table th[aria-sort=descending]")
    assert sorted_by is not None and "Responses" in sorted_by.get_text()


def test_every_system_links_to_its_results_for_a_national_analyst(
    national_client: Client, national: NationalData
) -> None:
    response = national_client.get(ENGLAND)
    for code, wave in [("qyg", national.rerun)] + [
        (c.lower(), w) for c, w in national.others.items()
    ]:
        href = reverse("reports:show_results", kwargs={"ics_code": code, "wave_id": wave.pk})
        assert href in _links(response), code
    drill = reverse(
        "reports:show_results", kwargs={"ics_code": "qf7", "wave_id": national.others["QF7"].pk}
    )
    assert national_client.get(drill).status_code == 200


def test_a_regional_analyst_sees_their_region_and_drills_down_only_there(
    regional_client: Client, national: NationalData
) -> None:
    benchmark_consent_set(ics=ICS.objects.get(ods_code="QWO"), named=True, by=None)

    response = regional_client.get(NW_PAGE)

    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "North West"
    assert _systems(response) == NORTH_WEST_SYSTEMS
    links = _links(response)
    opened = {h for h in links if "/results/" in h or "/waves/" in h}
    nw_waves = [national.rerun, national.others["QOP"], national.others["QE1"]]
    for wave in nw_waves:
        href = reverse(
            "reports:show_results", kwargs={"ics_code": wave.ics.url_code, "wave_id": wave.pk}
        )
        assert href in links
        assert regional_client.get(href).status_code == 200
    for code in ("QWO", "QF7", "QHL"):
        wave = national.others[code]
        assert not any(f"/{code.lower()}/" in h for h in opened), code
        elsewhere = reverse(
            "reports:show_results", kwargs={"ics_code": code.lower(), "wave_id": wave.pk}
        )
        assert regional_client.get(elsewhere).status_code in (403, 404)
    page = text(response)
    # Other regions' systems appear only in England's figures and the funnel plot: West
    # Yorkshire agreed to be named; South Yorkshire and Birmingham did not.
    assert "West Yorkshire" in page
    assert "South Yorkshire" not in page and "Birmingham" not in page
    assert "2 other systems are counted in England's figures without being named." in page


def test_a_national_analyst_opens_any_region_page(
    national_client: Client, national: NationalData
) -> None:
    response = national_client.get(NEY_PAGE)
    assert response.status_code == 200
    assert _systems(response) == ["South Yorkshire", "West Yorkshire"]
    empty = national_client.get(
        reverse("national:show_region", kwargs={"region_code": LONDON.lower()})
    )
    assert empty.status_code == 200
    assert "No system in this area has published results of this survey yet." in text(empty)


@pytest.mark.parametrize(
    "path",
    [
        ENGLAND,
        NEY_PAGE,
        reverse("national:list_england_downloads", kwargs={"benchmark_id": 1}),
        reverse("national:list_region_downloads", kwargs={"region_code": "y63", "benchmark_id": 1}),
    ],
)
def test_a_regional_analyst_cannot_open_england_or_another_region(
    regional_client: Client, national: NationalData, path: str
) -> None:
    assert regional_client.get(path).status_code == 403


@pytest.mark.parametrize("role", [Role.ICS_VIEWER, Role.ICS_ADMIN])
@pytest.mark.parametrize("path", [ENGLAND, NW_PAGE])
def test_ics_roles_cannot_open_the_national_pages(
    client: Client, national: NationalData, role: Role, path: str
) -> None:
    client.force_login(member(role, "QYG"))
    assert client.get(path).status_code == 403


def test_signing_in_is_needed_and_an_unknown_region_is_not_found(
    client: Client, national: NationalData
) -> None:
    response = client.get(ENGLAND)
    assert response.status_code == 302 and reverse("accounts:sign_in") in response["Location"]
    client.force_login(analyst(Role.NATIONAL_ANALYST))
    assert client.get("/regions/zz9/").status_code == 404


def test_the_funnel_plot_has_a_caption_and_a_data_table(
    national_client: Client, national: NationalData
) -> None:
    response = national_client.get(ENGLAND, {"score": "P1"})

    figure = soup(response).select_one("figure.app-chart")
    assert figure is not None
    assert figure.select_one("figcaption").get_text(strip=True) == (
        "Funnel plot of the principle 1 score of every system compared, against its number of "
        "responses"
    )
    assert figure.select_one("svg") is not None
    data = figure.select("table tbody tr")
    assert len(data) == 6
    assert figure.select_one("table caption") is not None
    names = {row.select_one("th, td").get_text(strip=True) for row in data}
    assert names == set(ALL_SYSTEMS)


def test_a_regional_analysts_funnel_plot_does_not_name_other_regions_systems(
    regional_client: Client, national: NationalData
) -> None:
    figure = soup(regional_client.get(NW_PAGE)).select_one("figure.app-chart")
    assert figure is not None
    names = [
        row.select_one("th, td").get_text(strip=True) for row in figure.select("table tbody tr")
    ]
    assert sorted(n for n in names if n != "Another system") == NORTH_WEST_SYSTEMS
    assert names.count("Another system") == 3
