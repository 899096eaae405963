"""An ICS admin of one system cannot see or change another system's places, partners or people."""

import pytest
from django.test import Client

from pulse.organisations.models import Membership, PartnerOrganisation, Place, Role
from pulse.organisations.tests.factories import (
    MembershipFactory,
    PartnerFactory,
    PlaceFactory,
    ics,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    return client


@pytest.fixture
def other() -> dict[str, object]:
    london = ics("QMJ")
    return {
        "place": PlaceFactory(ics=london, name="Camden"),
        "partner": PartnerFactory(ics=london, name="Royal Free London NHS Foundation Trust"),
        "membership": MembershipFactory(ics=london, role=Role.ICS_VIEWER),
    }


OTHER_ICS_PAGES = [
    "/ics/qmj/",
    "/ics/qmj/places/",
    "/ics/qmj/places/add/",
    "/ics/qmj/partners/",
    "/ics/qmj/partners/add/",
    "/ics/qmj/people/",
    "/ics/qmj/people/add/",
]


@pytest.mark.parametrize("url", OTHER_ICS_PAGES)
def test_another_systems_pages_are_forbidden(admin_client: Client, url: str) -> None:
    assert admin_client.get(url).status_code == 403
    # Pages that only show things refuse POST outright (405); forms refuse the user (403).
    assert admin_client.post(url, {"name": "Intruder"}).status_code in {403, 405}
    assert not Place.objects.filter(name="Intruder").exists()


def test_another_systems_objects_cannot_be_changed_through_the_admins_own_system(
    admin_client: Client, other: dict[str, object]
) -> None:
    place, partner, membership = other["place"], other["partner"], other["membership"]
    for url in [
        f"/ics/qyg/places/{place.pk}/change/",
        f"/ics/qyg/places/{place.pk}/remove/",
        f"/ics/qyg/partners/{partner.pk}/change/",
        f"/ics/qyg/partners/{partner.pk}/remove/",
        f"/ics/qyg/people/{membership.pk}/remove/",
    ]:
        assert admin_client.get(url).status_code == 404, url
        assert admin_client.post(url, {"name": "Renamed", "sector": "other"}).status_code == 404, (
            url
        )
    place.refresh_from_db()
    assert place.name == "Camden" and place.active
    assert PartnerOrganisation.objects.filter(pk=partner.pk).exists()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_lists_show_only_the_admins_own_system(
    admin_client: Client, other: dict[str, object]
) -> None:
    PlaceFactory(name="Wirral")
    body = admin_client.get("/ics/qyg/places/").content.decode()
    assert "Wirral" in body and "Camden" not in body
    assert "Royal Free" not in admin_client.get("/ics/qyg/partners/").content.decode()
    assert (
        other["membership"].user.email not in admin_client.get("/ics/qyg/people/").content.decode()
    )


@pytest.mark.parametrize(
    "role", [Role.ICS_VIEWER, Role.PANEL_MEMBER, Role.IDEA_MODERATOR, Role.STAFF]
)
def test_only_admins_manage_their_system(client: Client, role: Role) -> None:
    client.force_login(member(role, "QYG"))
    assert client.get("/ics/qyg/").status_code == 200
    for url in ["/ics/qyg/places/", "/ics/qyg/partners/", "/ics/qyg/people/"]:
        assert client.get(url).status_code == 403
    client.post("/ics/qyg/places/add/", {"name": "Halton"})
    assert not Place.objects.filter(name="Halton").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/ics/qyg/places/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=/ics/qyg/places/")


def test_a_regional_analyst_sees_systems_in_their_region_only(client: Client) -> None:
    user = MembershipFactory(role=Role.REGIONAL_ANALYST, ics=None, region=ics("QYG").region).user
    client.force_login(user)
    assert client.get("/ics/qyg/").status_code == 200  # North West
    assert client.get("/ics/qmj/").status_code == 403  # London
    assert client.get("/ics/qyg/places/").status_code == 403  # analysts read, never manage
