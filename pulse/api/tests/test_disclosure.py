"""No API response contains a figure describing fewer than k = 10 respondents.

The walk follows every operation, every list and every results table, as a
national analyst (who sees the most), over published waves with many small groups (from 40 to
140 responses split by up to 27 groups a breakdown, and one survey of 8). Every field that
counts people must be null or at least 10, and a hidden row or score carries no number at all.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from pulse.api.tests.conftest import ApiClient
from pulse.reports.tests.national_builders import NationalData

pytestmark = pytest.mark.django_db

K = 10
#: Fields that count people (respondents, or answers to one statement).
PEOPLE = {"n", "responses", "base_n", "n_answered", "n_before", "n_after", "england_n"}
#: Numbers that count something else, or are IDs, positions and settings.
NOT_PEOPLE = {
    "count", "page", "page_size", "pages", "id", "wave_id", "instrument_id", "benchmark_id",
    "version", "instrument_version", "k", "systems", "unnamed_systems", "n_icss", "n_items",
    "quartile_band",
}  # fmt: skip


def _walk(value: Any, path: str = "", hidden: bool = False) -> Iterator[tuple[str, str, Any, bool]]:
    """(path, key, value, whether it is inside a hidden row or score) for every field."""
    if isinstance(value, dict):
        hidden = hidden or value.get("suppressed") is True
        for key, item in value.items():
            yield path, key, item, hidden
            yield from _walk(item, f"{path}.{key}", hidden)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", hidden)


class Walk:
    def __init__(self, api: ApiClient) -> None:
        self.api = api
        self.people_seen: list[int] = []
        self.hidden_rows = 0
        self.reasons: set[str] = set()
        self.responses = 0

    def get(self, path: str, **params: Any) -> Any:
        cache.clear()  # the walk makes more requests than a token may in a minute
        response = self.api.get(path, **params)
        assert response.status_code == 200, (path, response.content[:300])
        self.responses += 1
        body = response.json()
        self.check(body, path)
        return body

    def pages(self, path: str, every: bool = True) -> list[Any]:
        first = self.get(path, page_size=200)
        items = list(first["items"])
        for page in range(2, first["pages"] + 1 if every else 1):
            items += self.get(path, page_size=200, page=page)["items"]
        return items

    def check(self, body: Any, where: str) -> None:
        for path, key, value, hidden in _walk(body):
            if key == "reason" and hidden and value is not None:
                self.hidden_rows += 1
                self.reasons.add(str(value))
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            assert not hidden, f"{where}{path}.{key} = {value} in a hidden row or score"
            if key in PEOPLE:
                assert value >= K, f"{where}{path}.{key} = {value}: fewer than {K} people"
                self.people_seen.append(int(value))
            else:
                counts = key.startswith("n_") or key.endswith("_n") or key == "n"
                assert key in NOT_PEOPLE or not counts, f"{where}{path}.{key}: a new count"


def test_no_api_response_describes_fewer_than_ten_people(
    national_api: ApiClient, national: NationalData
) -> None:
    walk = Walk(national_api)
    walk.get("/api/me")
    for system in walk.pages("/api/systems"):
        walk.get(f"/api/systems/{system['code']}")
    for instrument in walk.pages("/api/instruments"):
        walk.get(f"/api/instruments/{instrument['id']}")
        for version in instrument["versions"]:
            walk.get(f"/api/instruments/{instrument['id']}/versions/{version['version']}")
    # Every page of the richest survey (QYG's re-run: local questions, change since its
    # baseline), of the smallest compared (QF7: 40 responses) and of the survey of 8; the first
    # page of each table of the others.
    every_page = {national.rerun.pk, national.others["QF7"].pk, national.small.pk}
    for code in ["QYG", *national.others, "QUY"]:
        for wave in walk.pages(f"/api/systems/{code}/waves"):
            detail = walk.get(f"/api/systems/{code}/waves/{wave['id']}")
            for table in detail["tables"]:
                walk.pages(table["url"], every=wave["id"] in every_page)
    for benchmark in walk.pages("/api/benchmarks"):
        walk.get(f"/api/benchmarks/{benchmark['id']}")
        walk.pages(f"/api/benchmarks/{benchmark['id']}/systems")
        walk.get(f"/api/benchmarks/{benchmark['id']}/areas")

    # The walk saw the small groups it is about, hidden, and published counts.
    assert {"below_k", "complementary"} <= walk.reasons
    assert walk.hidden_rows > 1000
    assert min(walk.people_seen) >= K and len(walk.people_seen) > 10_000
    assert walk.responses > 100


def test_the_survey_of_eight_shows_no_count_at_all(
    national_api: ApiClient, national: NationalData
) -> None:
    wave = national_api.get(f"/api/systems/QUY/waves/{national.small.pk}").json()
    assert wave["responses"] is None
    groups = national_api.get(f"/api/systems/QUY/waves/{national.small.pk}/results/groups")
    rows = groups.json()["items"]
    assert rows and all(r["suppressed"] and r["values"]["n"] is None for r in rows)


@pytest.mark.parametrize(
    "body",
    [
        {"items": [{"suppressed": False, "values": {"n": 9}}]},
        {"items": [{"suppressed": False, "values": {"base_n": 3, "pct": 33.3}}]},
        {"items": [{"suppressed": True, "reason": "below_k", "values": {"mean": 5.0}}]},
        {"scores": [{"suppressed": True, "reason": "below_k", "n": None, "quartile_band": 2}]},
        {"responses": 4},
        {"items": [{"values": {"n_people": 30}}]},  # a new count nobody has classified
    ],
)
def test_the_walk_catches_a_small_count_or_a_number_in_a_hidden_row(body: Any) -> None:
    with pytest.raises(AssertionError):
        Walk(api=None).check(body, "/api/example")  # type: ignore[arg-type]


def test_the_walk_accepts_published_counts_and_other_numbers() -> None:
    walk = Walk(api=None)  # type: ignore[arg-type]
    walk.check({"count": 3, "page": 1, "items": [{"suppressed": False, "values": {"n": 10}}]}, "")
    assert walk.people_seen == [10]
