"""The action plan: adding and changing actions, progress notes, overdue actions, and bad
input that is refused with NHS errors and changes nothing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pulse.actions.models import Action, ActionStatus, ProgressNote
from pulse.actions.tests.factories import add_action
from pulse.assessments.tests.factories import indicators
from pulse.core.models import AuditEntry
from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"actions:{name}", kwargs={"ics_code": "qyg", **kwargs})


@pytest.fixture
def admin() -> object:
    return member(Role.ICS_ADMIN, "QYG", full_name="Aisha Khan")


@pytest.fixture
def admin_client(admin: object) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def valid_post(**changes: object) -> dict[str, object]:
    due = timezone.localdate() + timedelta(days=90)
    p1 = next(i for i in indicators() if i.principle.code == "P1")
    data = {
        "title": "Give every place leadership group a social care seat",
        "description": "Agree it with the four place partnerships",
        "principle": "P1",
        "indicator": str(p1.pk),
        "question_key": "p1_all_professions",
        "owner": "",
        "owner_name": "Place leadership forum",
        "due_on_day": str(due.day),
        "due_on_month": str(due.month),
        "due_on_year": str(due.year),
        "status": "not_started",
    }
    data.update(changes)
    return data


def test_an_admin_adds_an_action_linked_to_a_principle_indicator_and_question(
    admin_client: Client,
) -> None:
    assert_page_basics(admin_client.get(url("add_action")))
    response = admin_client.post(url("add_action"), valid_post())
    action = Action.objects.get()
    assert response.status_code == 302
    assert (action.principle, action.indicator.key, action.question_key) == (
        "P1",
        "p1_professions_in_decisions",
        "p1_all_professions",
    )
    assert action.owner_label == "Place leadership forum"
    assert action.started_on is None
    page = admin_client.get(url("show_action", action_id=action.pk))
    assert_page_basics(page)
    assert "Every profession has a say" in text(page)
    assert AuditEntry.objects.filter(action="action_added").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Enter what the action is"),
        ({"principle": "P9"}, "Select a principle"),
        ({"principle": ""}, "Select a principle"),
        ({"indicator": "999999"}, "Select an indicator from the list"),
        ({"question_key": "not_a_question"}, "Select a question from the list"),
        ({"owner": "999999"}, "Select someone from the list"),
        ({"owner_name": ""}, "Select the owner or enter their name"),
        ({"due_on_day": "", "due_on_month": "", "due_on_year": ""}, "Enter the due date"),
        ({"due_on_month": "Smarch"}, "Due date must be a real date"),
        ({"due_on_day": "31", "due_on_month": "2"}, "Due date must be a real date"),
        ({"due_on_year": "27"}, "Year of the due date must include 4 numbers"),
        ({"due_on_month": ""}, "Due date must include a month"),
        ({"status": "finished"}, "Select the status"),
    ],
)
def test_bad_input_is_refused_with_an_nhs_error_and_saves_nothing(
    admin_client: Client, changes: dict[str, object], message: str
) -> None:
    response = admin_client.post(url("add_action"), valid_post(**changes))
    assert response.status_code == 400
    assert message in error_summary(response)
    assert soup(response).title.get_text().startswith("Error:")
    assert not Action.objects.exists()


def test_an_indicator_of_another_principle_is_refused(admin_client: Client) -> None:
    p3 = next(i for i in indicators() if i.principle.code == "P3")
    response = admin_client.post(url("add_action"), valid_post(indicator=str(p3.pk)))
    assert error_summary(response) == ["Select an indicator of the principle you chose"]
    assert not Action.objects.exists()


def test_a_question_about_another_principle_is_refused(admin_client: Client) -> None:
    response = admin_client.post(url("add_action"), valid_post(question_key="p3_protected_time"))
    assert error_summary(response) == ["Select a question about the principle you chose"]
    assert not Action.objects.exists()


def test_a_member_can_own_an_action(admin_client: Client, admin: object) -> None:
    response = admin_client.post(url("add_action"), valid_post(owner=str(admin.pk), owner_name=""))
    assert response.status_code == 302
    assert Action.objects.get().owner_label == "Aisha Khan"


def test_starting_an_action_records_when_it_started_and_notes_are_dated(
    admin_client: Client,
) -> None:
    action = add_action(status=ActionStatus.NOT_STARTED)
    edit = url("edit_action", action_id=action.pk)
    assert_page_basics(admin_client.get(edit))
    response = admin_client.post(edit, valid_post(status="in_progress"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.started_on == timezone.localdate()
    note = admin_client.post(
        url("add_note", action_id=action.pk), {"text": "Two places have agreed"}
    )
    assert note.status_code == 302
    page = admin_client.get(url("show_action", action_id=action.pk))
    assert f"{timezone.localdate().day} " in text(page) and "Two places have agreed" in text(page)
    empty = admin_client.post(url("add_note", action_id=action.pk), {"text": "  "})
    assert empty.status_code == 400
    assert error_summary(empty) == ["Enter the progress made"]
    assert ProgressNote.objects.count() == 1


def test_overdue_actions_say_so_in_words_and_done_ones_never_are(admin_client: Client) -> None:
    past = timezone.localdate() - timedelta(days=3)
    add_action(title="Late work", due_on=past, status=ActionStatus.IN_PROGRESS)
    add_action(title="Finished work", due_on=past, status=ActionStatus.DONE)
    add_action(title="Abandoned work", due_on=past, status=ActionStatus.DROPPED, principle="P2")
    page = admin_client.get(url("list_actions"))
    assert_page_basics(page)
    rows = {
        r.select("td")[0].get_text(strip=True): r.get_text(" ", strip=True)
        for r in soup(page).select("tbody tr")
    }
    assert "Overdue" in rows["Late work"]
    assert "Overdue" not in rows["Finished work"] and "Overdue" not in rows["Abandoned work"]
    summary = text(page)
    assert "Overdue 1" in summary


def test_viewers_read_the_plan_but_cannot_change_it() -> None:
    action = add_action()
    client = Client()
    client.force_login(member(Role.ICS_VIEWER, "QYG"))
    page = client.get(url("list_actions"))
    assert page.status_code == 200 and "Add an action" not in text(page)
    assert client.get(url("show_action", action_id=action.pk)).status_code == 200
    assert client.get(url("add_action")).status_code == 403
    assert client.post(url("edit_action", action_id=action.pk), valid_post()).status_code == 403
    assert client.post(url("add_note", action_id=action.pk), {"text": "x"}).status_code == 403
    panel = Client()
    panel.force_login(member(Role.PANEL_MEMBER, "QYG"))
    assert panel.get(url("list_actions")).status_code == 403


def test_the_plan_pdf_is_prepared_in_the_background_and_downloaded(
    admin_client: Client, django_capture_on_commit_callbacks
) -> None:
    add_action()
    assert_page_basics(admin_client.get(url("list_downloads")))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url("list_downloads"))
    page = admin_client.get(url("list_downloads"))
    assert "Prepared on" in text(page)
    download = admin_client.get(url("download_plan"))
    assert download.status_code == 200
    assert download.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="plan_pdf_downloaded").exists()
