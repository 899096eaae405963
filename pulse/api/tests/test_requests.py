"""The API's addresses and parameters: the OpenAPI document is served with every operation, no
documentation page loads anything from another site, lists are paginated, and bad input gets
JSON errors in NHS wording (422 or 404), never a page or a server error."""

import re

import pytest
from django.test import Client

from pulse.api.api import api
from pulse.api.tests.conftest import ApiClient, ClientFor, analyst
from pulse.reports.tests.national_builders import NationalData

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "get_me",
    "list_systems",
    "get_system",
    "list_instruments",
    "get_instrument",
    "get_instrument_version",
    "list_waves",
    "get_wave",
    "get_results_table",
    "list_benchmarks",
    "get_benchmark",
    "list_benchmark_systems",
    "list_benchmark_areas",
}


def test_the_openapi_document_is_served_with_every_operation(client: Client) -> None:
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Leadership Pulse API"
    found = {op["operationId"] for ops in schema["paths"].values() for op in ops.values()}
    assert found == OPERATIONS
    for path, ops in schema["paths"].items():
        assert path.startswith("/api/")
        for op in ops.values():
            assert op["security"] == [{"TokenAuth": []}], path
            assert {"200", "401", "403", "404", "422", "429"} <= set(op["responses"]), path
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_api_root_says_where_the_openapi_document_is(client: Client) -> None:
    body = client.get("/api/").json()
    assert body["openapi"] == "http://testserver/api/openapi.json"


@pytest.mark.parametrize("path", ["/api/docs", "/api/docs/", "/api/redoc", "/api/swagger"])
def test_there_is_no_documentation_page_to_load_scripts_from_another_site(
    client: Client, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["title"] == "Not found"
    assert b"<script" not in response.content


def test_nothing_the_api_serves_points_at_another_site(client: Client) -> None:
    text = client.get("/api/openapi.json").content.decode()
    assert not re.search(r"https?://", text)
    assert "cdn" not in text.lower()


@pytest.mark.parametrize(
    "path",
    ["/api/nothing-here", "/api/systems/QYG/everything", "/api/v2/systems", "/api/../admin/"],
)
def test_an_unknown_address_is_a_json_404(national_api: ApiClient, path: str) -> None:
    response = national_api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("Not found.")


def test_lists_are_paginated(national_api: ApiClient) -> None:
    first = national_api.get("/api/systems", page_size=5).json()
    second = national_api.get("/api/systems", page_size=5, page=2).json()
    last = national_api.get("/api/systems", page_size=5, page=9).json()

    assert (first["count"], first["page"], first["page_size"], first["pages"]) == (42, 1, 5, 9)
    assert len(first["items"]) == len(second["items"]) == 5
    assert not {s["code"] for s in first["items"]} & {s["code"] for s in second["items"]}
    assert len(last["items"]) == 2
    everything = national_api.get("/api/systems", page_size=200).json()["items"]
    assert [s["code"] for s in everything[:10]] == [
        s["code"] for s in first["items"] + second["items"]
    ]


def test_a_page_past_the_end_is_empty_not_an_error(national_api: ApiClient) -> None:
    response = national_api.get("/api/systems", page=100)
    assert response.status_code == 200
    assert response.json()["items"] == [] and response.json()["count"] == 42


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "0"}, "query.page: Enter a whole number of 1 or more"),
        ({"page": "-3"}, "query.page: Enter a whole number of 1 or more"),
        ({"page": "two"}, "query.page: Enter a whole number"),
        ({"page": "1.5"}, "query.page: Enter a whole number"),
        ({"page": "99999999999999999999"}, "query.page: Enter a whole number"),
        ({"page_size": "0"}, "query.page_size: Enter a whole number of 1 or more"),
        ({"page_size": "201"}, "query.page_size: Enter a whole number of 200 or less"),
        ({"page_size": ""}, "query.page_size: Enter a whole number"),
    ],
)
def test_a_bad_page_is_refused_with_a_clear_message(
    national_api: ApiClient, params: dict[str, str], message: str
) -> None:
    response = national_api.get("/api/systems", **params)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == 422 and body["title"] == "Unprocessable content"
    assert message in body["detail"]
    assert body["errors"][0]["location"] == message.split(":")[0]


@pytest.mark.parametrize(
    ("path", "status", "detail"),
    [
        ("/api/systems/QQ", 422, "path.ics_code: Enter a value in the format"),
        ("/api/systems/Q%00G", 422, "path.ics_code: Enter a value in the format"),
        ("/api/systems/ZZZ", 404, "There is no system with the ODS code ZZZ."),
        ("/api/systems/QYG/waves/abc", 422, "path.wave_id: Enter a whole number"),
        ("/api/systems/QYG/waves/0", 422, "path.wave_id: Enter a whole number of 1 or more"),
        ("/api/systems/QYG/waves/99999999999", 422, "path.wave_id: Enter a whole number"),
        ("/api/systems/QYG/waves/999999", 404, "There is no published survey with this ID"),
        ("/api/systems/QYG/waves/1/results/secrets", 422, "path.table: Enter one of the values"),
        ("/api/instruments/999999", 404, "There is no questionnaire with this ID"),
        ("/api/instruments/1/versions/0", 422, "path.version: Enter a whole number"),
        ("/api/benchmarks/999999", 404, "There is no benchmark with this ID."),
        ("/api/benchmarks/1/systems?region=North", 422, "query.region: Enter a value in"),
    ],
)
def test_bad_addresses_and_parameters_get_a_clear_json_error(
    national_api: ApiClient, national: NationalData, path: str, status: int, detail: str
) -> None:
    response = national_api.get(path)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert detail in response.json()["detail"]


def test_each_token_has_its_own_rate_limit(
    api_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.throttle, "num_requests", 3)
    busy, other = api_for(analyst()), api_for(analyst())

    statuses = [busy.get("/api/me").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    refused = busy.get("/api/me")
    assert refused.json() == {
        "status": 429,
        "title": "Too many requests",
        "detail": "You have made too many requests with this token. Wait a minute, then try again.",
    }
    assert other.get("/api/me").status_code == 200
