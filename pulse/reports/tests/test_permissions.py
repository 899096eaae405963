"""Who sees results: the ICS's admins and viewers, and analysts whose scope covers the ICS.
Nobody sees another system's results, or any wave that is not published."""

import pytest
from django.test import Client

from pulse.accounts.tests.factories import UserFactory
from pulse.organisations.models import ICS, Membership, Region, Role
from pulse.organisations.tests.factories import member
from pulse.reports.tests.builders import results_url
from pulse.surveys.models import Wave, WaveStatus

pytestmark = pytest.mark.django_db

PAGES = ["", "layers/", "principles/", "change/", "groups/", "questions/", "england/", "reliability/", "comments/", "downloads/", "downloads/pdf/"]  # fmt: skip


def _analyst(role: Role, region_code: str | None) -> object:
    user = UserFactory()
    region = Region.objects.get(code=region_code) if region_code else None
    Membership.objects.create(user=user, role=role, region=region, ics=None)
    return user


def _status(client: Client, user: object, url: str) -> int:
    client.force_login(user)
    return client.get(url).status_code


@pytest.mark.parametrize("role", [Role.ICS_ADMIN, Role.ICS_VIEWER])
@pytest.mark.parametrize("page", PAGES[:-1])
def test_admins_and_viewers_of_the_system_see_every_page(
    client: Client, rerun: Wave, role: Role, page: str
) -> None:
    assert _status(client, member(role, "QYG"), results_url(rerun, page)) == 200


@pytest.mark.parametrize("role", [Role.ICS_ADMIN, Role.ICS_VIEWER])
@pytest.mark.parametrize("page", PAGES)
def test_another_systems_admins_and_viewers_are_refused(
    client: Client, rerun: Wave, role: Role, page: str
) -> None:
    assert _status(client, member(role, "QOP"), results_url(rerun, page)) == 403


@pytest.mark.parametrize("role", [Role.STAFF, Role.PANEL_MEMBER, Role.IDEA_MODERATOR])
@pytest.mark.parametrize("page", ["", "groups/", "downloads/", "downloads/xlsx/"])
def test_staff_panel_members_and_moderators_are_refused(
    client: Client, rerun: Wave, role: Role, page: str
) -> None:
    assert _status(client, member(role, "QYG"), results_url(rerun, page)) == 403


def test_the_results_home_refuses_them_too(client: Client, rerun: Wave) -> None:
    assert _status(client, member(Role.STAFF, "QYG"), "/ics/qyg/results/") == 403
    assert _status(client, member(Role.ICS_VIEWER, "QOP"), "/ics/qyg/results/") == 403


@pytest.mark.parametrize("page", ["", "england/", "downloads/"])
def test_signed_out_people_are_sent_to_sign_in(client: Client, rerun: Wave, page: str) -> None:
    response = client.get(results_url(rerun, page))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("status", [WaveStatus.DRAFT, WaveStatus.OPEN, WaveStatus.CLOSED])
@pytest.mark.parametrize("page", ["", "layers/", "downloads/", "downloads/pdf/"])
def test_waves_that_are_not_published_have_no_results(
    client: Client, rerun: Wave, status: str, page: str
) -> None:
    Wave.objects.filter(pk=rerun.pk).update(status=status)
    assert _status(client, member(Role.ICS_ADMIN, "QYG"), results_url(rerun, page)) == 404


def test_a_wave_of_another_system_is_not_found_under_this_one(client: Client, rerun: Wave) -> None:
    other = ICS.objects.get(ods_code="QOP")
    user = member(Role.ICS_VIEWER, "QOP")
    assert _status(client, user, f"/ics/{other.url_code}/results/{rerun.pk}/") == 404


def test_a_regional_analyst_sees_systems_in_their_region_and_their_names(
    client: Client, rerun: Wave
) -> None:
    north_west = rerun.ics.region.code
    user = _analyst(Role.REGIONAL_ANALYST, north_west)
    assert _status(client, user, results_url(rerun)) == 200
    page = client.get(results_url(rerun, "england/")).content.decode()
    assert "Other systems are not named" not in page
    assert "Greater Manchester" in page or "Lancashire and South Cumbria" in page


def test_a_regional_analyst_of_another_region_is_refused(client: Client, rerun: Wave) -> None:
    london = Region.objects.exclude(code=rerun.ics.region.code).first()
    assert london is not None
    assert _status(client, _analyst(Role.REGIONAL_ANALYST, london.code), results_url(rerun)) == 403


def test_a_national_analyst_sees_every_system(client: Client, rerun: Wave) -> None:
    assert (
        _status(client, _analyst(Role.NATIONAL_ANALYST, None), results_url(rerun, "england/"))
        == 200
    )
