import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from pulse.accounts.models import User
from pulse.nonprod.demo import DEMO_PASSWORD, USERS
from pulse.organisations.models import Membership, Place, Role

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_real_icb_with_places_partners_and_a_user_per_role(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("load_demo_data")
    out = capsys.readouterr().out
    assert "NHS Cheshire and Merseyside Integrated Care Board" in out
    assert DEMO_PASSWORD in out
    assert Place.objects.filter(ics__ods_code="QYG", active=True).count() == 9
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    assert User.objects.filter(is_superuser=True, email__startswith="platform-admin@").exists()
    for user in USERS:
        assert user.email in out


def test_loading_the_demo_twice_changes_nothing() -> None:
    call_command("load_demo_data")
    counts = (User.objects.count(), Membership.objects.count(), Place.objects.count())
    call_command("load_demo_data")
    assert (User.objects.count(), Membership.objects.count(), Place.objects.count()) == counts


def test_every_demo_sign_in_works(client: Client) -> None:
    call_command("load_demo_data")
    for user in USERS:
        response = client.post("/sign-in/", {"email": user.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, user.email
        client.post("/sign-out/")


@override_settings(PULSE_ENVIRONMENT="production")
def test_the_demo_refuses_to_run_with_production_settings() -> None:
    with pytest.raises(CommandError, match="never be loaded with production settings"):
        call_command("load_demo_data")
    assert not User.objects.exists()
