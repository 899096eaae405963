"""The national table through the API respects each system's benchmark consent: a system that
did not agree to be named is only counted (in England's figures and `unnamed_systems`) for a
regional analyst of another region, and named for national analysts whatever it chose."""

import json

import pytest

from pulse.api.tests.conftest import NORTH_WEST, ApiClient
from pulse.organisations.models import ICS
from pulse.organisations.services import benchmark_consent_set
from pulse.reports.tests.national_builders import NationalData

pytestmark = pytest.mark.django_db

ELSEWHERE = {"QWO": "West Yorkshire", "QF7": "South Yorkshire", "QHL": "Birmingham and Solihull"}


def _benchmark(api: ApiClient, national: NationalData, part: str = "") -> dict:  # type: ignore[type-arg]
    response = api.get(f"/api/benchmarks/{national.publication.pk}{part}")
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


def test_a_regional_analyst_sees_other_regions_systems_only_as_a_count(
    regional_api: ApiClient, national: NationalData
) -> None:
    detail = _benchmark(regional_api, national)

    assert {c["system"] for c in detail["compared"]} == {"QYG", "QOP", "QE1"}
    assert detail["unnamed_systems"] == 3 and detail["systems"] == 6
    text = json.dumps(detail)
    for code, name in ELSEWHERE.items():
        assert code not in text and name not in text
        assert str(national.others[code].pk) not in {str(c["wave_id"]) for c in detail["compared"]}


def test_a_system_that_agreed_to_be_named_is_named_to_other_regions(
    regional_api: ApiClient, national: NationalData
) -> None:
    benchmark_consent_set(ics=ICS.objects.get(ods_code="QWO"), named=True, by=None)

    detail = _benchmark(regional_api, national)

    assert {c["system"] for c in detail["compared"]} == {"QYG", "QOP", "QE1", "QWO"}
    assert detail["unnamed_systems"] == 2
    assert "South Yorkshire" not in json.dumps(detail)


def test_a_regional_analysts_table_lists_their_region_only(
    regional_api: ApiClient, national: NationalData
) -> None:
    benchmark_consent_set(ics=ICS.objects.get(ods_code="QWO"), named=True, by=None)
    rows = _benchmark(regional_api, national, "/systems")

    assert {r["code"] for r in rows["items"]} == {"QYG", "QOP", "QE1"}
    assert {r["region"]["code"] for r in rows["items"]} == {NORTH_WEST}
    other = regional_api.get(f"/api/benchmarks/{national.publication.pk}/systems", region="Y63")
    assert other.status_code == 403
    assert other.json()["detail"] == "You do not have permission to see this region's systems."

    areas = _benchmark(regional_api, national, "/areas")["items"]
    assert [a["code"] for a in areas] == ["england", NORTH_WEST]


def test_a_national_analyst_sees_every_system_by_name_whatever_it_chose(
    national_api: ApiClient, national: NationalData
) -> None:
    assert not ICS.objects.filter(ods_code__in=ELSEWHERE, benchmark_named=True).exists()

    detail = _benchmark(national_api, national)
    rows = _benchmark(national_api, national, "/systems")["items"]

    assert detail["unnamed_systems"] == 0
    named = {c["system"]: c["system_name"] for c in detail["compared"]}
    assert ELSEWHERE.items() <= named.items()
    assert {r["code"]: r["name"] for r in rows}.items() >= ELSEWHERE.items()
    assert len(_benchmark(national_api, national, "/areas")["items"]) == 8  # England, 7 regions


def test_an_ics_viewers_own_benchmark_table_lists_no_other_system(
    viewer_api: ApiClient, national: NationalData
) -> None:
    table = viewer_api.get(f"/api/systems/QYG/waves/{national.rerun.pk}/results/benchmark")
    text = table.content.decode()
    assert table.status_code == 200 and table.json()["count"] > 0
    for code, name in ELSEWHERE.items():
        assert code not in text and name not in text
