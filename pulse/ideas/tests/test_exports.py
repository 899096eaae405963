"""Moderators and admins prepare a challenge's ideas as CSV or Excel in the background, then
download them: audited, formula-safe, and never naming the author of an idea posted as
"A colleague"."""

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from pulse.core.models import AuditEntry
from pulse.core.retention import purge_expired
from pulse.ideas.exports import safe_text
from pulse.ideas.models import IdeasFile
from pulse.ideas.services.pipeline import idea_move
from pulse.ideas.tests.factories import CommentFactory, IdeaFactory, SupportFactory, stages

pytestmark = pytest.mark.django_db


@pytest.fixture
def ideas(people: dict[str, Any], challenge: Any) -> None:
    named = IdeaFactory(
        challenge=challenge, author=people["staff"], title="Named idea", principles="P1,P3"
    )
    IdeaFactory(
        challenge=challenge,
        author=people["author"],
        anonymous=True,
        title='=HYPERLINK("http://evil")',
        description="+1 and -1 and @SUM(A1)",
    )
    SupportFactory(idea=named, user=people["moderator"])
    CommentFactory(idea=named, author=people["admin"])
    idea_move(idea=named, to_stage=stages()["Shortlisted"], feedback="-2 weeks to pilot", by=None)


def downloads(challenge: Any) -> str:
    return f"/ics/qyg/ideas/challenges/{challenge.pk}/downloads/"


def prepare(client: Client, committed: Callable[[], Any], challenge: Any, file_format: str) -> None:
    """Press "Prepare" on the downloads page; the worker prepares the file after the commit."""
    with committed():
        response = client.post(downloads(challenge), {"format": file_format})
    assert response.status_code == 302 and response["Location"] == downloads(challenge)


def test_the_csv_lists_every_idea_safely(
    client: Client, people: dict[str, Any], challenge: Any, ideas: None, committed: Any
) -> None:
    client.force_login(people["moderator"])
    prepare(client, committed, challenge, "csv")
    page = client.get(downloads(challenge)).content.decode()
    assert "Prepared on" in page and "Download the ideas (CSV file" in page
    response = client.get(f"/ics/qyg/ideas/challenges/{challenge.pk}/ideas.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="ideas-protected-time-to-lead.csv"'
    )
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_title = {row["Title"]: row for row in rows}
    named = by_title["Named idea"]
    assert (named["Posted by"], named["Principles"], named["Stage"]) == (
        "Priya Shah",
        "P1, P3",
        "Shortlisted",
    )
    assert (named["Supports"], named["Comments"], named["Latest feedback"]) == (
        "1",
        "1",
        "'-2 weeks to pilot",
    )
    anonymous = by_title['\'=HYPERLINK("http://evil")']
    assert anonymous["Posted by"] == "A colleague"
    assert anonymous["Description"] == "'+1 and -1 and @SUM(A1)"
    assert "Zebedee" not in response.content.decode("utf-8-sig")
    requested = AuditEntry.objects.get(action="ideas_export_requested")
    assert requested.actor == people["moderator"] and requested.details == {"format": "csv"}
    entry = AuditEntry.objects.get(action="ideas_exported")
    assert entry.actor == people["moderator"] and entry.details == {"format": "csv"}


def test_the_excel_file_holds_text_never_formulas(
    client: Client, people: dict[str, Any], challenge: Any, ideas: None, committed: Any
) -> None:
    client.force_login(people["admin"])
    prepare(client, committed, challenge, "xlsx")
    response = client.get(f"/ics/qyg/ideas/challenges/{challenge.pk}/ideas.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Idea number", "Title", "Description", "Posted by")
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = [str(cell.value) for cell in cells if cell.value is not None]
    assert not any(value.startswith(("=", "+", "-", "@")) for value in texts)
    assert "A colleague" in texts and "Zebedee Quartermaine" not in texts
    assert AuditEntry.objects.get(action="ideas_exported").details["format"] == "xlsx"


def test_nothing_is_made_inside_the_request_and_a_file_not_ready_is_not_served(
    client: Client, people: dict[str, Any], challenge: Any, ideas: None
) -> None:
    client.force_login(people["moderator"])
    page = client.get(downloads(challenge)).content.decode()
    assert page.count("No file has been prepared yet.") == 2
    # Without the commit the worker has not run: the file waits in the queue.
    client.post(downloads(challenge), {"format": "csv"})
    queued = IdeasFile.objects.get(challenge=challenge, format="csv")
    assert queued.status == "queued" and queued.size == 0
    assert "being prepared" in client.get(downloads(challenge)).content.decode()
    response = client.get(f"/ics/qyg/ideas/challenges/{challenge.pk}/ideas.csv")
    assert response.status_code == 302 and response["Location"] == downloads(challenge)
    assert not AuditEntry.objects.filter(action="ideas_exported").exists()


def test_a_file_older_than_the_ideas_says_so(
    client: Client, people: dict[str, Any], challenge: Any, ideas: None, committed: Any
) -> None:
    client.force_login(people["moderator"])
    prepare(client, committed, challenge, "csv")
    IdeasFile.objects.update(completed_at=timezone.now() - timezone.timedelta(hours=1))
    IdeaFactory(challenge=challenge, author=people["staff"], title="Late idea")
    assert "There have been changes since" in client.get(downloads(challenge)).content.decode()
    prepare(client, committed, challenge, "csv")
    response = client.get(f"/ics/qyg/ideas/challenges/{challenge.pk}/ideas.csv")
    assert "Late idea" in response.content.decode("utf-8-sig")
    assert IdeasFile.objects.count() == 1


@pytest.mark.parametrize("posted", [{}, {"format": "pdf"}, {"format": "<script>"}])
def test_asking_for_an_unknown_file_is_refused(
    client: Client, people: dict[str, Any], challenge: Any, posted: dict[str, str]
) -> None:
    client.force_login(people["moderator"])
    response = client.post(downloads(challenge), posted)
    assert response.status_code == 400
    assert "Select the file to prepare" in response.content.decode()
    assert not IdeasFile.objects.exists()


def test_prepared_files_of_ideas_are_purged_after_their_period(
    client: Client, people: dict[str, Any], challenge: Any, ideas: None, committed: Any
) -> None:
    client.force_login(people["moderator"])
    prepare(client, committed, challenge, "csv")
    prepare(client, committed, challenge, "xlsx")
    IdeasFile.objects.filter(format="csv").update(
        created_at=timezone.now() - timezone.timedelta(days=31)
    )
    purge_expired()
    assert list(IdeasFile.objects.values_list("format", flat=True)) == ["xlsx"]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_formula_like_text_is_escaped(value: str) -> None:
    assert safe_text(value) == "'" + value
    assert safe_text("Plain text") == "Plain text" and safe_text(3) == 3


def test_staff_and_viewers_cannot_export(
    client: Client, people: dict[str, Any], challenge: Any, ideas: None
) -> None:
    for who in ("staff", "viewer"):
        client.force_login(people[who])
        for path in ["downloads/", "ideas.csv", "ideas.xlsx"]:
            url = f"/ics/qyg/ideas/challenges/{challenge.pk}/{path}"
            assert client.get(url).status_code == 403
        assert client.post(downloads(challenge), {"format": "csv"}).status_code == 403
    assert not IdeasFile.objects.exists()
    assert not AuditEntry.objects.filter(action="ideas_exported").exists()
