"""Only an ICS's admins manage its surveys; other systems' waves and questionnaires are out of
reach, whichever URL is used."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from pulse.organisations.models import Role
from pulse.organisations.tests.factories import MembershipFactory, ics, member
from pulse.surveys.models import Wave, WaveStatus
from pulse.surveys.services.waves import wave_create
from pulse.surveys.tests.factories import pulse_check, small_version

pytestmark = pytest.mark.django_db


def a_wave(ods_code: str, **fields: object) -> Wave:
    today = timezone.localdate()
    wave = wave_create(
        ics=ics(ods_code),
        version=pulse_check(),
        title=f"Pulse check in {ods_code}",
        opens_on=today,
        closes_on=today + timedelta(days=21),
        by=None,
    )
    Wave.objects.filter(pk=wave.pk).update(
        local_questions=[{"key": "local_q", "type": "agreement", "text": "Local?"}], **fields
    )
    return wave


def pages(ods: str, wave_id: int, version_id: int) -> list[str]:
    base = f"/ics/{ods}/surveys/"
    return [
        base,
        f"{base}create/",
        f"{base}{wave_id}/",
        f"{base}{wave_id}/change/",
        f"{base}{wave_id}/open/",
        f"{base}{wave_id}/close/",
        f"{base}{wave_id}/publish/",
        f"{base}{wave_id}/questions/add/",
        f"{base}{wave_id}/questions/local_q/remove/",
        f"{base}instruments/",
        f"{base}instruments/import/",
        f"{base}instruments/{version_id}/xlsform/",
        f"{base}instruments/example-consultation.xlsx",
    ]


@pytest.fixture
def ours() -> tuple[Wave, int]:
    return a_wave("QYG"), small_version(ics=ics("QYG")).pk


@pytest.fixture
def theirs() -> tuple[Wave, int]:
    return a_wave("QMJ"), small_version(ics=ics("QMJ")).pk


def test_an_admin_reaches_every_page_of_their_own_system(
    client: Client, ours: tuple[Wave, int]
) -> None:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    for url in pages("qyg", ours[0].pk, ours[1]):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "role", [Role.ICS_VIEWER, Role.PANEL_MEMBER, Role.IDEA_MODERATOR, Role.STAFF]
)
def test_other_roles_of_the_system_are_refused(
    client: Client, ours: tuple[Wave, int], role: Role
) -> None:
    client.force_login(member(role, "QYG"))
    for url in pages("qyg", ours[0].pk, ours[1]):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Changed"}).status_code in {403, 405}, url
    wave = Wave.objects.get(pk=ours[0].pk)
    assert (wave.status, wave.title) == (WaveStatus.DRAFT, "Pulse check in QYG")


def test_analysts_read_results_but_never_manage_surveys(
    client: Client, ours: tuple[Wave, int]
) -> None:
    user = MembershipFactory(role=Role.REGIONAL_ANALYST, ics=None, region=ics("QYG").region).user
    client.force_login(user)
    assert client.get("/ics/qyg/surveys/").status_code == 403


def test_another_systems_pages_are_forbidden(client: Client, theirs: tuple[Wave, int]) -> None:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    for url in pages("qmj", theirs[0].pk, theirs[1]):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code in {403, 405}, url
    assert Wave.objects.get(pk=theirs[0].pk).status == WaveStatus.DRAFT


def test_another_systems_waves_are_not_found_through_the_admins_own_system(
    client: Client, theirs: tuple[Wave, int]
) -> None:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    wave_id, version_id = theirs[0].pk, theirs[1]
    own_pages = pages("qyg", wave_id, version_id)
    for url in [*own_pages[2:9], own_pages[11]]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "Changed"}).status_code in {404, 405}, url
    wave = Wave.objects.get(pk=wave_id)
    assert (wave.status, wave.title, len(wave.local_questions)) == (
        WaveStatus.DRAFT,
        "Pulse check in QMJ",
        1,
    )


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, ours: tuple[Wave, int]) -> None:
    for url in pages("qyg", ours[0].pk, ours[1]):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"/sign-in/?next={url}")
