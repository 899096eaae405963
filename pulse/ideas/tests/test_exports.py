"""Moderators and admins download a challenge's ideas as CSV or Excel: audited, formula-safe,
and never naming the author of an idea posted as "A colleague"."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from pulse.core.models import AuditEntry
from pulse.ideas.exports import safe_text
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


def test_the_csv_lists_every_idea_safely(
    client: Client, people: dict[str, Any], challenge: Any, ideas: None
) -> None:
    client.force_login(people["moderator"])
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
    entry = AuditEntry.objects.get(action="ideas_exported")
    assert entry.actor == people["moderator"] and entry.details == {"format": "csv", "ideas": 2}


def test_the_excel_file_holds_text_never_formulas(
    client: Client, people: dict[str, Any], challenge: Any, ideas: None
) -> None:
    client.force_login(people["admin"])
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


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_formula_like_text_is_escaped(value: str) -> None:
    assert safe_text(value) == "'" + value
    assert safe_text("Plain text") == "Plain text" and safe_text(3) == 3


def test_staff_and_viewers_cannot_export(
    client: Client, people: dict[str, Any], challenge: Any, ideas: None
) -> None:
    for who in ("staff", "viewer"):
        client.force_login(people[who])
        assert client.get(f"/ics/qyg/ideas/challenges/{challenge.pk}/ideas.csv").status_code == 403
    assert not AuditEntry.objects.filter(action="ideas_exported").exists()
