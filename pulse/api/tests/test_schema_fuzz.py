"""Schemathesis over the whole OpenAPI document: every operation, called through Django's WSGI
application with a national analyst's token (who may read everything) over published data,
never answers with a server error, and every answer matches the document (status code, content
type and body schema).

Each generated request is sent as generated (mostly unknown IDs and codes: 404s and 422s), and
again with its path parameters replaced by real ones (QYG's re-run, its questionnaire and the
national benchmark), so the 200 answers with real tables are checked too.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from pulse.api.tests.conftest import analyst, token_for
from pulse.reports.tests.national_builders import NationalData

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Django's WSGI handler closes the database connection after each request, which would end
    the test's transaction; its test client stops that in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def real(national: NationalData) -> dict[str, Any]:
    """Path parameters that name things that exist and that the caller may read."""
    return {
        "ics_code": "QYG",
        "wave_id": national.rerun.pk,
        "instrument_id": national.rerun.version.instrument_id,
        "version": national.rerun.version.version,
        "benchmark_id": national.publication.pk,
    }


@pytest.fixture
def headers(db: None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(analyst())}"}


#: The document the API serves, loaded through the WSGI application when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(
    case: Any, headers: dict[str, str], real: dict[str, Any]
) -> None:
    cache.clear()  # the per-token rate limit is not what this test is about
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS)

    if case.path_parameters:
        known = {key: real.get(key, value) for key, value in case.path_parameters.items()}
        case.path_parameters = known
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)
