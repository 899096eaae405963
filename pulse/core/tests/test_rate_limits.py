import pytest
from django.core import mail
from django.test import Client, override_settings

from pulse.accounts.tests.factories import UserFactory
from pulse.core.tests.html import soup
from pulse.surveys.models import Response, ResponseDraft
from pulse.surveys.tests.factories import open_wave, small_version

pytestmark = pytest.mark.django_db

LOW = {"respond_start": "3/m", "respond_submit": "3/m", "password_reset": "2/h"}


@override_settings(PULSE_RATE_LIMITS=LOW)
def test_guessing_an_access_code_is_slowed_down(client: Client) -> None:
    from django.contrib.auth.hashers import make_password

    wave = open_wave(small_version(), access_code_hash=make_password("right-code"))
    for _ in range(3):
        assert (
            client.post(f"/s/{wave.open_link_slug}/", {"access_code": "wrong"}).status_code == 200
        )
    blocked = client.post(f"/s/{wave.open_link_slug}/", {"access_code": "right-code"})
    assert blocked.status_code == 429
    assert soup(blocked).h1.get_text(strip=True) == "Too many attempts"
    assert not ResponseDraft.objects.exists()


@override_settings(PULSE_RATE_LIMITS=LOW)
def test_a_flood_of_submissions_from_one_address_is_refused() -> None:
    wave = open_wave(small_version())
    for _ in range(3):
        Client().post(f"/s/{wave.open_link_slug}/submit/")
    assert Client().post(f"/s/{wave.open_link_slug}/submit/").status_code == 429
    assert not Response.objects.exists()


@override_settings(PULSE_RATE_LIMITS=LOW)
def test_password_reset_requests_are_limited(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    UserFactory(email="viewer@example.nhs.uk")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        for _ in range(2):
            client.post("/password-reset/", {"email": "viewer@example.nhs.uk"})
        assert (
            client.post("/password-reset/", {"email": "viewer@example.nhs.uk"}).status_code == 429
        )
    assert len(mail.outbox) == 2
