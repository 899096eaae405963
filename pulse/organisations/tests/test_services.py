import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from pulse.accounts.models import User
from pulse.core.models import AuditEntry
from pulse.core.tests.html import error_summary
from pulse.organisations import services
from pulse.organisations.models import Membership, Place, Role
from pulse.organisations.tests.factories import PlaceFactory, ics, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> User:
    return member(Role.ICS_ADMIN, "QYG", email="lead@cheshire.example.nhs.uk")


def test_adding_a_place_gives_it_a_stable_code_and_audits_it(admin: User) -> None:
    place = services.place_create(ics=ics(), name="Cheshire West and Chester", by=admin)
    assert place.code == "cheshire-west-and-chester"
    entry = AuditEntry.objects.get(action="place_added")
    assert (entry.actor, entry.ics_code, entry.target_label) == (
        admin,
        "QYG",
        "Cheshire West and Chester",
    )


def test_a_place_name_must_be_unique_in_the_system(admin: User) -> None:
    PlaceFactory(name="Wirral")
    with pytest.raises(ValidationError, match="There is already a place called Wirral"):
        services.place_create(ics=ics(), name="wirral", by=admin)


def test_removing_a_place_keeps_it_for_earlier_results_and_adding_it_again_restores_it(
    admin: User,
) -> None:
    place = services.place_create(ics=ics(), name="Halton", by=admin)
    services.place_remove(place=place, by=admin)
    assert not Place.objects.for_ics(ics()).filter(active=True, name="Halton").exists()
    again = services.place_create(ics=ics(), name="Halton", by=admin)
    assert again.pk == place.pk and again.active and again.code == "halton"


def test_renaming_keeps_the_code_used_in_answers(admin: User) -> None:
    place = services.place_create(ics=ics(), name="St Helens", by=admin)
    services.place_update(place=place, name="St Helens and Prescot", by=admin)
    place.refresh_from_db()
    assert (place.name, place.code) == ("St Helens and Prescot", "st-helens")


def test_adding_a_new_person_creates_their_account_and_emails_a_set_password_link(
    admin: User, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        membership = services.membership_add(
            ics=ics(),
            email=" New.Person@Example.NHS.uk ",
            full_name="New Person",
            role=Role.ICS_VIEWER,
            by=admin,
        )
    assert membership.user.email == "new.person@example.nhs.uk"
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.nhs.uk"]
    assert "/password-reset/" in mail.outbox[0].body
    assert "NHS Cheshire and Merseyside" in mail.outbox[0].subject


def test_adding_an_existing_person_sends_no_invitation_and_a_duplicate_role_is_refused(
    admin: User, django_capture_on_commit_callbacks: object
) -> None:
    existing = member(Role.STAFF, "QYG", email="someone@example.nhs.uk")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.membership_add(
            ics=ics(), email=existing.email, full_name="x", role=Role.ICS_VIEWER, by=admin
        )
    assert mail.outbox == []
    with pytest.raises(ValidationError, match="already has this role"):
        services.membership_add(
            ics=ics(), email=existing.email, full_name="x", role=Role.ICS_VIEWER, by=admin
        )


def test_the_only_ics_admin_cannot_be_removed(admin: User) -> None:
    own = Membership.objects.get(user=admin)
    with pytest.raises(ValidationError, match="only ICS admin"):
        services.membership_remove(membership=own, by=admin)
    member(Role.ICS_ADMIN, "QYG")
    services.membership_remove(membership=own, by=admin)
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_the_add_person_form_explains_each_mistake(client: Client, admin: User) -> None:
    client.force_login(admin)
    response = client.post(
        "/ics/qyg/people/add/",
        {"email": "not-an-email", "full_name": "", "role": "national_analyst"},
    )
    assert error_summary(response) == [
        "Enter an email address in the correct format, like name@example.nhs.uk",
        "Enter their full name",
        "Select a role",
    ]
    assert not User.objects.filter(email="not-an-email").exists()


def test_an_admin_adds_a_partner_organisation_through_the_form(client: Client, admin: User) -> None:
    client.force_login(admin)
    response = client.post(
        "/ics/qyg/partners/add/",
        {"name": "Mersey Care NHS Foundation Trust", "sector": "nhs_provider", "ods_code": "rw4"},
    )
    assert response.status_code == 302
    partner = ics().partners.get()
    assert (partner.name, partner.ods_code) == ("Mersey Care NHS Foundation Trust", "RW4")
    bad = client.post(
        "/ics/qyg/partners/add/", {"name": "Another", "sector": "nhs_provider", "ods_code": "R-1"}
    )
    assert error_summary(bad) == ["ODS code must be 3 to 10 letters or numbers, like RBL"]


def test_the_removal_confirmation_explains_why_the_last_admin_stays(
    client: Client, admin: User
) -> None:
    client.force_login(admin)
    own = Membership.objects.get(user=admin)
    response = client.post(f"/ics/qyg/people/{own.pk}/remove/")
    assert response.status_code == 200
    assert error_summary(response) == [
        "You cannot remove the only ICS admin. Add another ICS admin first."
    ]
