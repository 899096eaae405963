"""API test data: six systems' published waves and their national publication (see
`pulse/reports/tests/national_builders.py`), and clients that send a personal API token."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from pulse.accounts.tests.factories import UserFactory
from pulse.api.services import api_token_create
from pulse.organisations.models import Membership, Region, Role
from pulse.organisations.tests.factories import member
from pulse.reports.tests.national_builders import NationalData, national_data

NORTH_WEST = "Y62"  # QYG, QOP and QE1
NORTH_EAST_YORKSHIRE = "Y63"  # QWO and QF7


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """The rate limit counts requests per token in the cache; IDs are reused between tests."""
    cache.clear()


@pytest.fixture
def national(db: None) -> NationalData:
    return national_data()


def analyst(region_code: str | None = None) -> Any:
    """A national analyst (no region) or a regional analyst of `region_code`."""
    user = UserFactory()
    region = Region.objects.get(code=region_code) if region_code else None
    role = Role.REGIONAL_ANALYST if region else Role.NATIONAL_ANALYST
    Membership.objects.create(user=user, role=role, region=region, ics=None)
    return user


def token_for(user: Any) -> str:
    return api_token_create(user=user, name="Power BI", valid_days=90)[1]


class ApiClient:
    """A test client that sends one user's personal API token with every request."""

    def __init__(self, client: Client, secret: str) -> None:
        self.client, self.secret = client, secret

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {self.secret}")


ClientFor = Callable[[Any], ApiClient]


@pytest.fixture
def api_for(client: Client, db: None) -> ClientFor:
    return lambda user: ApiClient(client, token_for(user))


@pytest.fixture
def national_api(api_for: ClientFor) -> ApiClient:
    return api_for(analyst())


@pytest.fixture
def regional_api(api_for: ClientFor) -> ApiClient:
    return api_for(analyst(NORTH_WEST))


@pytest.fixture
def viewer_api(api_for: ClientFor) -> ApiClient:
    """A board member of QYG (Cheshire and Merseyside)."""
    return api_for(member(Role.ICS_VIEWER, "QYG"))
