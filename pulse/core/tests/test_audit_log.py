import pytest
from django.core import mail
from django.test import Client

from pulse.accounts.tests.factories import UserFactory
from pulse.core.services import audit_record
from pulse.core.tasks import send_email
from pulse.core.tests.html import soup
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import ics, member

pytestmark = pytest.mark.django_db


def test_platform_admins_read_the_audit_log_filtered_by_action(client: Client) -> None:
    actor = member(Role.ICS_ADMIN, "QYG", email="lead@example.nhs.uk")
    audit_record(actor=actor, action="place_added", target=ics(), ics_code="QYG")
    audit_record(actor=actor, action="member_removed", target=ics(), ics_code="QYG")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = soup(client.get("/platform/audit-log/?action=place_added"))
    rows = page.select("table tbody tr")
    assert len(rows) == 1
    assert "lead@example.nhs.uk" in rows[0].get_text() and "place added" in rows[0].get_text()


def test_nobody_else_can_read_the_audit_log(client: Client) -> None:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    assert client.get("/platform/audit-log/").status_code == 403


def test_a_nonsense_page_number_shows_the_first_page(client: Client) -> None:
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/platform/audit-log/?page=abc").status_code == 200
    assert client.get("/platform/audit-log/?page=99999").status_code == 200


def test_the_email_task_sends_through_the_configured_backend() -> None:
    send_email.enqueue(to=["a@example.nhs.uk"], subject="Hello", body="Body")
    assert [(m.to, m.subject) for m in mail.outbox] == [(["a@example.nhs.uk"], "Hello")]
