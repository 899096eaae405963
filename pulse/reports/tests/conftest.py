import pytest
from django.core.cache import cache
from django.test import Client

from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.reports.tests.builders import published_pair
from pulse.surveys.models import Wave


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def pair(db: None) -> tuple[Wave, Wave]:
    return published_pair()


@pytest.fixture
def rerun(pair: tuple[Wave, Wave]) -> Wave:
    return pair[1]


@pytest.fixture
def viewer_client(client: Client, db: None) -> Client:
    client.force_login(member(Role.ICS_VIEWER, "QYG"))
    return client
