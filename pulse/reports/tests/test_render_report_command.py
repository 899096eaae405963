"""`manage.py render_report`: the file a viewer would download, or a clear error."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pulse.reports.tests.exports import csv_tables, pdf_text, workbook_problems
from pulse.surveys.models import Wave, WaveStatus

pytestmark = pytest.mark.django_db


def _render(wave_id: int, file_format: str, output: Path | str) -> str:
    out = io.StringIO()
    call_command("render_report", wave=wave_id, format=file_format, output=str(output), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("file_format", ["pdf", "xlsx", "csv"])
def test_it_writes_each_format(rerun: Wave, tmp_path: Path, file_format: str) -> None:
    output = tmp_path / f"report.{file_format}"
    message = _render(rerun.pk, file_format, output)
    assert f"to {output}" in message
    content = output.read_bytes()
    if file_format == "pdf":
        assert "Executive summary" in pdf_text(content)
    elif file_format == "xlsx":
        assert workbook_problems(content) == []
    else:
        assert "notes.csv" in csv_tables(content)


def test_an_unknown_wave_is_a_clear_error(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no wave with the ID 999999"):
        _render(999999, "pdf", tmp_path / "x.pdf")


@pytest.mark.parametrize("status", [WaveStatus.DRAFT, WaveStatus.OPEN, WaveStatus.CLOSED])
def test_a_wave_that_is_not_published_is_a_clear_error(
    rerun: Wave, tmp_path: Path, status: str
) -> None:
    Wave.objects.filter(pk=rerun.pk).update(status=status)
    with pytest.raises(CommandError, match="only a published wave has reports"):
        _render(rerun.pk, "xlsx", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_a_missing_folder_is_a_clear_error(rerun: Wave, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        _render(rerun.pk, "csv", tmp_path / "nowhere" / "x.zip")


def test_a_folder_given_as_the_output_is_a_clear_error(rerun: Wave, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is a directory"):
        _render(rerun.pk, "csv", tmp_path)


def test_a_folder_it_cannot_write_to_is_a_clear_error(
    rerun: Wave, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, who can write anywhere: the permission check is what is tested.
    monkeypatch.setattr(
        "pulse.reports.management.commands.render_report.os.access", lambda *a: False
    )
    with pytest.raises(CommandError, match="permission denied"):
        _render(rerun.pk, "csv", tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_a_bad_format_is_refused_by_the_command(rerun: Wave, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        _render(rerun.pk, "docx", tmp_path / "x.docx")
