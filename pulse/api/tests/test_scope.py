"""Each token reads exactly what its owner's roles cover: an ICS viewer their own system's
published results and nothing of another system's, regional analysts their region's systems,
national analysts every system. Every operation's happy path, for each kind of caller."""

import pytest

from pulse.api.results import NAMES
from pulse.api.tests.conftest import NORTH_WEST, ApiClient, ClientFor
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.reports.tests.national_builders import NationalData
from pulse.surveys.models import WaveStatus

pytestmark = pytest.mark.django_db

NO_RESULTS = "You do not have permission to see this system's results."
ANALYSTS_ONLY = (
    "Only national and regional analysts can see the national table. Your own system's "
    "benchmark against England is in its results."
)


def _results_paths(code: str, wave_id: int) -> list[str]:
    base = f"/api/systems/{code}/waves"
    return [base, f"{base}/{wave_id}", *(f"{base}/{wave_id}/results/{name}" for name in NAMES)]


def test_an_ics_viewer_reads_their_own_systems_published_results(
    viewer_api: ApiClient, national: NationalData
) -> None:
    waves = viewer_api.get("/api/systems/QYG/waves").json()
    assert [w["title"] for w in waves["items"]] == ["National re-run", "National baseline"]
    assert all(w["results_ready"] for w in waves["items"])

    response = viewer_api.get(f"/api/systems/QYG/waves/{national.rerun.pk}")
    assert "no-store" in response["Cache-Control"]  # results are never kept in a cache
    wave = response.json()
    assert wave["system"] == "QYG" and wave["k"] == 10 and wave["responses"] == 140
    assert [t["name"] for t in wave["tables"]] == list(NAMES)
    for table in wave["tables"]:
        response = viewer_api.get(table["url"], page_size=3)
        assert response.status_code == 200, table["url"]
        assert response.json()["name"] == table["name"]

    scores = viewer_api.get(wave["tables"][1]["url"], page_size=1).json()
    everyone = scores["items"][0]["values"]
    assert (everyone["breakdown"], everyone["group"], everyone["n"]) == (
        "Whole system",
        "Everyone who answered",
        140,
    )


@pytest.mark.parametrize("other", ["QOP", "QWO", "QUY"])
def test_an_ics_viewers_token_cannot_read_another_systems_results(
    viewer_api: ApiClient, national: NationalData, other: str
) -> None:
    wave = national.small if other == "QUY" else national.others[other]
    for path in _results_paths(other, wave.pk):
        response = viewer_api.get(path)
        assert response.status_code == 403, path
        assert response.json()["detail"] == NO_RESULTS, path
        assert b'"values"' not in response.content


def test_an_ics_viewer_cannot_reach_another_systems_wave_through_their_own_code(
    viewer_api: ApiClient, national: NationalData
) -> None:
    for path in _results_paths("QYG", national.others["QOP"].pk)[1:]:
        response = viewer_api.get(path)
        assert response.status_code == 404, path
        assert (
            response.json()["detail"] == "There is no published survey with this ID in this system."
        )


def test_an_ics_viewer_sees_only_their_own_system_and_no_national_table(
    viewer_api: ApiClient, national: NationalData
) -> None:
    systems = viewer_api.get("/api/systems").json()
    assert [s["code"] for s in systems["items"]] == ["QYG"]
    assert viewer_api.get("/api/systems/QYG").json()["region"]["code"] == NORTH_WEST
    assert viewer_api.get("/api/systems/QOP").status_code == 403
    benchmark = national.publication.pk
    for path in [
        "/api/benchmarks",
        f"/api/benchmarks/{benchmark}",
        f"/api/benchmarks/{benchmark}/systems",
        f"/api/benchmarks/{benchmark}/areas",
    ]:
        response = viewer_api.get(path)
        assert response.status_code == 403, path
        assert response.json()["detail"] == ANALYSTS_ONLY


def test_staff_and_panel_members_read_no_results(
    api_for: ClientFor, national: NationalData
) -> None:
    for role in (Role.STAFF, Role.PANEL_MEMBER, Role.IDEA_MODERATOR):
        api = api_for(member(role, "QYG"))
        for path in _results_paths("QYG", national.rerun.pk):
            assert api.get(path).status_code == 403, (role, path)


def test_unpublished_surveys_are_never_listed(
    viewer_api: ApiClient, national: NationalData
) -> None:
    national.baseline.status = WaveStatus.CLOSED
    national.baseline.save(update_fields=["status"])
    listed = viewer_api.get("/api/systems/QYG/waves").json()["items"]
    assert [w["id"] for w in listed] == [national.rerun.pk]
    response = viewer_api.get(f"/api/systems/QYG/waves/{national.baseline.pk}/results/groups")
    assert response.status_code == 404


def test_a_regional_analyst_reads_their_regions_systems_only(
    regional_api: ApiClient, national: NationalData
) -> None:
    systems = regional_api.get("/api/systems").json()["items"]
    assert {s["region"]["code"] for s in systems} == {NORTH_WEST}
    assert {"QYG", "QOP", "QE1"} <= {s["code"] for s in systems}

    qop = national.others["QOP"]
    assert regional_api.get(f"/api/systems/QOP/waves/{qop.pk}/results/groups").status_code == 200
    qwo = national.others["QWO"]
    for path in _results_paths("QWO", qwo.pk):
        assert regional_api.get(path).status_code == 403, path


def test_a_national_analyst_reads_every_systems_results(
    national_api: ApiClient, national: NationalData
) -> None:
    assert national_api.get("/api/systems").json()["count"] == 42
    for code, wave in national.others.items():
        response = national_api.get(f"/api/systems/{code}/waves/{wave.pk}")
        assert response.status_code == 200, code
        assert response.json()["system"] == code


def test_me_lists_the_callers_roles(viewer_api: ApiClient, regional_api: ApiClient) -> None:
    viewer = viewer_api.get("/api/me").json()
    assert viewer["roles"] == [
        {
            "role": "ics_viewer",
            "role_name": "ICS viewer (board member)",
            "system": "QYG",
            "region": None,
        }
    ]
    assert viewer["token_name"] == "Power BI" and viewer["token_expires_on"] is not None
    assert regional_api.get("/api/me").json()["roles"][0]["region"] == NORTH_WEST


def test_questionnaires_come_with_their_question_keys_and_constructs(
    viewer_api: ApiClient, national: NationalData
) -> None:
    instruments = viewer_api.get("/api/instruments").json()["items"]
    standard = next(i for i in instruments if i["standard"])
    assert standard["key"] == "ccpl-pulse-check"
    assert viewer_api.get(f"/api/instruments/{standard['id']}").json() == standard

    version = viewer_api.get(f"/api/instruments/{standard['id']}/versions/1").json()
    keys = {key for q in version["questions"] for key in q["answer_keys"]}
    constructs = {c["key"]: c for c in version["constructs"]}
    assert {"P1", "P2", "P3", "P4", "P5", "involvement_index"} <= set(constructs)
    assert set(constructs["P1"]["item_keys"]) <= keys
    assert all(set(q) >= {"key", "type", "text", "answer_keys"} for q in version["questions"])
    missing = viewer_api.get(f"/api/instruments/{standard['id']}/versions/99")
    assert missing.status_code == 404


def test_a_benchmark_names_its_questionnaire_version_and_the_surveys_it_compares(
    national_api: ApiClient, national: NationalData
) -> None:
    listed = national_api.get("/api/benchmarks").json()["items"]
    assert [b["id"] for b in listed] == [national.publication.pk]
    detail = national_api.get(f"/api/benchmarks/{national.publication.pk}").json()

    assert (detail["instrument_key"], detail["instrument_version"]) == ("ccpl-pulse-check", 1)
    assert detail["systems"] == 6 and detail["k"] == 10
    assert {c["system"] for c in detail["compared"]} == {"QYG", "QOP", "QE1", "QWO", "QF7", "QHL"}
    assert national.small.pk not in {c["wave_id"] for c in detail["compared"]}

    areas = national_api.get(f"/api/benchmarks/{national.publication.pk}/areas").json()["items"]
    assert areas[0]["code"] == "england" and areas[0]["systems"] == 6
    assert {a["code"] for a in areas[1:] if a["systems"]} == {"Y60", "Y62", "Y63"}
    for empty in (a for a in areas[1:] if not a["systems"]):
        assert all(s["suppressed"] and s["mean"] is None for s in empty["scores"])

    rows = national_api.get(f"/api/benchmarks/{national.publication.pk}/systems").json()
    assert rows["count"] == 6
    region = national_api.get(
        f"/api/benchmarks/{national.publication.pk}/systems", region="y63"
    ).json()
    assert {r["code"] for r in region["items"]} == {"QWO", "QF7"}
