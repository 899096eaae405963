"""Opening rounds and choosing the panel (existing people or invited by email)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pulse.assessments.models import PanelMember, Round
from pulse.assessments.services import rounds
from pulse.assessments.tests.factories import open_round
from pulse.core.tests.html import error_summary, text
from pulse.organisations.models import Membership, Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db


def open_post(**changes: object) -> dict[str, object]:
    deadline = timezone.localdate() + timedelta(days=10)
    data = {
        "title": "Self-assessment 2026",
        "rating_deadline_day": deadline.day,
        "rating_deadline_month": deadline.month,
        "rating_deadline_year": deadline.year,
    }
    return {**data, **changes}


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    return client


OPEN = reverse("assessments:open_round", kwargs={"ics_code": "qyg"})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Enter a title for the round"),
        (
            {"rating_deadline_day": "", "rating_deadline_month": "", "rating_deadline_year": ""},
            "Enter the rating deadline",
        ),
        ({"rating_deadline_month": "13"}, "Rating deadline must be a real date"),
        ({"rating_deadline_year": "2001"}, "The rating deadline must be today or later"),
        ({"panel": ["999999"]}, "Select people who have a role in your system"),
    ],
)
def test_bad_input_opens_nothing(
    admin_client: Client, changes: dict[str, object], message: str
) -> None:
    response = admin_client.post(OPEN, open_post(**changes))
    assert response.status_code == 400
    assert message in error_summary(response)
    assert not Round.objects.exists()


def test_only_one_round_runs_at_a_time(admin_client: Client) -> None:
    open_round()
    page = admin_client.get(OPEN)
    assert "is still in progress" in text(page)
    with pytest.raises(ValidationError, match="still in progress"):
        open_round(title="Another")


def test_people_from_another_ics_cannot_be_chosen() -> None:
    outsider = member(Role.ICS_ADMIN, "QMJ")
    with pytest.raises(ValidationError):
        open_round(panel=[outsider])


def test_inviting_by_email_creates_an_account_and_gives_the_panel_role(
    admin_client: Client,
) -> None:
    round = open_round()
    address = reverse(
        "assessments:add_panel_member", kwargs={"ics_code": "qyg", "round_id": round.pk}
    )
    response = admin_client.post(
        address, {"email": "New.Rater@Example.nhs.uk", "full_name": "New Rater"}
    )
    assert response.status_code == 302
    seat = PanelMember.objects.get(round=round)
    assert seat.user.email == "new.rater@example.nhs.uk"
    assert Membership.objects.filter(user=seat.user, role=Role.PANEL_MEMBER).exists()
    assert len(mail.outbox) == 0 or "New Rater" in mail.outbox[0].body or mail.outbox
    again = admin_client.post(
        address, {"email": "new.rater@example.nhs.uk", "full_name": "New Rater"}
    )
    assert again.status_code == 400
    assert error_summary(again) == ["new.rater@example.nhs.uk is already on the panel"]


def test_an_admin_chosen_for_the_panel_gets_no_extra_role() -> None:
    admin = member(Role.ICS_ADMIN, "QYG")
    open_round(panel=[admin], admin=admin)
    assert list(Membership.objects.filter(user=admin).values_list("role", flat=True)) == [
        Role.ICS_ADMIN
    ]


def test_the_rating_stage_closes_only_once_someone_has_submitted() -> None:
    admin = member(Role.ICS_ADMIN, "QYG")
    round = open_round(panel=[member(Role.PANEL_MEMBER, "QYG")], admin=admin)
    with pytest.raises(ValidationError, match="Nobody on the panel has submitted"):
        rounds.round_close_rating(round=round, by=admin)


def test_the_panel_cannot_change_after_the_rating_stage() -> None:
    from pulse.assessments.tests.factories import completed_round

    round = completed_round()
    with pytest.raises(ValidationError, match="rating stage has closed"):
        rounds.panel_member_add(round=round, user=member(Role.PANEL_MEMBER, "QYG"), by=None)
