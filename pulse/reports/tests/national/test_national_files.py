"""The national table's files: requested on the downloads page, made in the background from the
stored publication (DESIGN.md section 4), then downloaded: an Excel workbook, CSV tables and an
SPSS data file with variable and value labels. No file has a count of fewer than 10 people, and
a regional analyst's files list only their region's systems."""

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pyreadstat
import pytest
from django.test import Client
from django.urls import reverse

from pulse.core.models import AuditEntry
from pulse.core.tests.html import error_summary, text
from pulse.reports.national.models import FileStatus, NationalFile
from pulse.reports.tests.national.conftest import NORTH_WEST
from pulse.reports.tests.national_builders import NationalData

pytestmark = pytest.mark.django_db

K = 10
NW_CODES = {"QYG", "QOP", "QE1"}
ALL_CODES = NW_CODES | {"QWO", "QF7", "QHL"}


def _england(national: NationalData, file_format: str | None = None) -> str:
    kwargs: dict[str, Any] = {"benchmark_id": national.publication.pk}
    if file_format is None:
        return reverse("national:list_england_downloads", kwargs=kwargs)
    return reverse("national:download_england_file", kwargs={**kwargs, "file_format": file_format})


def _region(national: NationalData, file_format: str | None = None) -> str:
    kwargs: dict[str, Any] = {
        "benchmark_id": national.publication.pk,
        "region_code": NORTH_WEST.lower(),
    }
    if file_format is None:
        return reverse("national:list_region_downloads", kwargs=kwargs)
    return reverse("national:download_region_file", kwargs={**kwargs, "file_format": file_format})


def _prepare(client: Client, page: str, file_format: str, capture: Callable[..., Any]) -> None:
    with capture(execute=True):
        response = client.post(page, {"format": file_format})
    assert response.status_code == 302 and response["Location"] == page


@pytest.fixture
def capture(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[..., Any]:
    return django_capture_on_commit_callbacks


def test_a_file_is_made_in_the_background_then_downloaded(
    national_client: Client, national: NationalData, capture: Callable[..., Any]
) -> None:
    page = _england(national)
    assert "Prepare the Excel workbook" in text(national_client.get(page))
    assert national_client.get(_england(national, "xlsx"))["Location"] == page  # not made yet

    with capture(execute=False) as callbacks:
        national_client.post(page, {"format": "xlsx"})
    queued = NationalFile.objects.get(format="xlsx", scope="england")
    assert queued.status == FileStatus.QUEUED and queued.size == 0
    assert "Your file is being prepared" in text(national_client.get(page))
    assert len(callbacks) == 1  # the task is enqueued once the request commits, not run in it

    callbacks[0]()
    queued.refresh_from_db()
    assert queued.status == FileStatus.READY and queued.size > 0
    listing = text(national_client.get(page))
    assert "Download the Excel workbook" in listing

    response = national_client.get(_england(national, "xlsx"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        'attachment; filename="leadership-pulse-england-ccpl-pulse-check-v1.xlsx"'
    )
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"national_file_requested", "national_file_downloaded"} <= actions


def test_the_excel_workbook_lists_every_system_and_no_count_below_ten(
    national_client: Client, national: NationalData, capture: Callable[..., Any]
) -> None:
    _prepare(national_client, _england(national), "xlsx", capture)
    content = national_client.get(_england(national, "xlsx")).content
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)

    systems = _rows(book["Systems"])
    assert {r["ODS code"] for r in systems} == ALL_CODES
    scores = _rows(book["Scores"])
    hidden = [r for r in scores if r["Score out of 10"] is None]
    assert hidden and all(r["Note"] for r in hidden)  # some scales hidden, and saying why
    for row in systems + scores + _rows(book["England and regions"]):
        n = row["Responses (n)"]
        assert n is None or n >= K, row


def _rows(sheet: Any) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r and r[0] in ("ODS code", "Area code"))
    header = rows[start]
    return [dict(zip(header, r, strict=False)) for r in rows[start + 1 :] if any(r)]


def test_the_csv_files_hold_the_same_tables(
    national_client: Client, national: NationalData, capture: Callable[..., Any]
) -> None:
    _prepare(national_client, _england(national), "csv", capture)
    response = national_client.get(_england(national, "csv"))
    assert response["Content-Type"] == "application/zip"

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {"notes.csv", "systems.csv", "scores.csv", "areas.csv"}
    tables = {
        name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        for name in ("systems.csv", "scores.csv", "areas.csv")
    }
    assert {r["ODS code"] for r in tables["systems.csv"]} == ALL_CODES
    for rows in tables.values():
        for row in rows:
            n = row["Responses (n)"]
            assert n == "" or int(n) >= K, row
    assert any(r["Note"] for r in tables["scores.csv"])


def test_the_spss_file_has_variable_and_value_labels_and_no_count_below_ten(
    national_client: Client, national: NationalData, capture: Callable[..., Any], tmp_path: Path
) -> None:
    _prepare(national_client, _england(national), "sav", capture)
    response = national_client.get(_england(national, "sav"))
    path = tmp_path / "national.sav"
    path.write_bytes(response.content)

    frame, meta = pyreadstat.read_sav(str(path))

    labels = meta.column_names_to_labels
    assert labels["n"] == "Responses contributing to the scale (n)"
    assert labels["score"] == "Score out of 10"
    assert labels["hidden"] == "Figure hidden by disclosure control"
    assert all(labels[c] for c in meta.column_names)
    values = meta.variable_value_labels
    assert values["area_type"] == {1.0: "System", 2.0: "Region", 3.0: "England"}
    assert values["hidden"] == {0.0: "Shown", 1.0: "Hidden"}
    assert "North West" in values["region"].values()
    assert values["change"] == {-1.0: "Declined", 0.0: "No significant change", 1.0: "Improved"}
    assert any(label.startswith("Principle 1") for label in values["scale"].values())

    systems = frame[frame["area_type"] == 1]
    assert set(systems["area_code"]) == ALL_CODES
    counts = frame["n"].dropna()
    assert len(counts) > 0 and (counts >= K).all()
    hidden = frame[frame["hidden"] == 1]
    assert len(hidden) > 0
    assert hidden["n"].isna().all() and hidden["score"].isna().all()
    assert (hidden["note"] != "").all()


def test_a_regional_analysts_files_list_their_region_only(
    regional_client: Client, national: NationalData, capture: Callable[..., Any], tmp_path: Path
) -> None:
    _prepare(regional_client, _region(national), "sav", capture)
    response = regional_client.get(_region(national, "sav"))
    assert response.status_code == 200
    assert "leadership-pulse-north-west-" in response["Content-Disposition"]
    path = tmp_path / "north-west.sav"
    path.write_bytes(response.content)
    frame, _ = pyreadstat.read_sav(str(path))

    assert set(frame[frame["area_type"] == 1]["area_code"]) == NW_CODES
    assert set(frame[frame["area_type"] == 2]["area_code"]) == {NORTH_WEST}

    _prepare(regional_client, _region(national), "csv", capture)
    archive = zipfile.ZipFile(io.BytesIO(regional_client.get(_region(national, "csv")).content))
    text_of_all = "".join(archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    for elsewhere in ("West Yorkshire", "South Yorkshire", "Birmingham", "QWO", "QF7", "QHL"):
        assert elsewhere not in text_of_all


@pytest.mark.parametrize("file_format", ["pdf", "XLSX", "sav.exe", "..", "%00"])
def test_an_unknown_file_format_is_not_found(
    national_client: Client, national: NationalData, file_format: str
) -> None:
    response = national_client.get(_england(national) + f"{file_format}/")
    assert response.status_code == 404


def test_asking_for_an_unknown_file_says_what_to_do_and_makes_nothing(
    national_client: Client, national: NationalData
) -> None:
    response = national_client.post(_england(national), {"format": "docx"})

    assert response.status_code == 400
    assert error_summary(response) == ["Select the file to prepare"]
    assert not NationalFile.objects.exists()


def test_an_unknown_benchmark_has_no_downloads(
    national_client: Client, national: NationalData
) -> None:
    missing = reverse("national:list_england_downloads", kwargs={"benchmark_id": 999_999})
    assert national_client.get(missing).status_code == 404
    assert national_client.get(missing + "xlsx/").status_code == 404


def test_a_file_that_could_not_be_made_can_be_asked_for_again(
    national_client: Client,
    national: NationalData,
    capture: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: Any) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr("pulse.reports.national.files.render_xlsx", broken)
    _prepare(national_client, _england(national), "xlsx", capture)

    assert NationalFile.objects.get(format="xlsx").status == FileStatus.FAILED
    page = text(national_client.get(_england(national)))
    assert "Sorry, the file could not be prepared. Try again." in page
    assert national_client.get(_england(national, "xlsx"))["Location"] == _england(national)
