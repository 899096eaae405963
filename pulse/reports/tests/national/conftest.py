import pytest
from django.test import Client

from pulse.accounts.tests.factories import UserFactory
from pulse.organisations.models import Membership, Region, Role
from pulse.reports.tests.national_builders import NationalData, national_data


@pytest.fixture
def national(db: None) -> NationalData:
    return national_data()


def analyst(role: Role, region_code: str | None = None) -> object:
    """A national analyst (no region) or a regional analyst of `region_code`."""
    user = UserFactory()
    region = Region.objects.get(code=region_code) if region_code else None
    Membership.objects.create(user=user, role=role, region=region, ics=None)
    return user


NORTH_WEST = "Y62"
LONDON = "Y56"


@pytest.fixture
def national_client(client: Client, db: None) -> Client:
    client.force_login(analyst(Role.NATIONAL_ANALYST))
    return client


@pytest.fixture
def regional_client(client: Client, db: None) -> Client:
    client.force_login(analyst(Role.REGIONAL_ANALYST, NORTH_WEST))
    return client
