"""The import_instrument and export_instrument commands."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pulse.organisations.tests.factories import ics
from pulse.surveys.models import Instrument, InstrumentVersion
from pulse.surveys.tests.factories import pulse_check
from pulse.surveys.tests.xlsform_builders import build_workbook, minimal_sheets, seed_003_workbook
from pulse.surveys.xlsform import read_xlsform

pytestmark = pytest.mark.django_db


def broken_workbook() -> bytes:
    """Four problems: an unsupported type, a missing name, a bad "required", a duplicate code."""
    sheets = minimal_sheets()
    sheets["survey"] += [["geopoint", "where", "Where?"], ["text", None, "More?", None, "perhaps"]]
    sheets["choices"].append(["yes_no", "yes", "Again"])
    return build_workbook(sheets)


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_importing_prints_the_key_and_version(tmp_path: Path) -> None:
    path = tmp_path / "consultation.xlsx"
    path.write_bytes(seed_003_workbook())
    out, _ = run("import_instrument", str(path), "--ics", "QYG")
    assert out.strip() == "ccpl-principles-consultation version 3 (imported)"
    version = InstrumentVersion.objects.get(instrument__key="ccpl-principles-consultation")
    assert version.instrument.ics == ics("QYG")
    again, _ = run("import_instrument", str(path), "--ics", "QYG")
    assert again.strip() == "ccpl-principles-consultation version 3 (already present, unchanged)"


def test_a_broken_workbook_prints_one_line_per_problem_and_imports_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(broken_workbook())
    err = StringIO()
    with pytest.raises(CommandError, match=r"Nothing was imported: 4 problem\(s\) found."):
        call_command("import_instrument", str(path), stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith('survey row 6, column "type": "geopoint" is not a supported')
    assert lines[3].startswith('choices row 4, column "name":')
    assert not Instrument.objects.exclude(key="ccpl-pulse-check").exists()


def test_a_broken_command_exits_non_zero(tmp_path: Path) -> None:
    """Run as a program (as cron or CI would), the command's failure shows in its exit code."""
    from django.core.management import ManagementUtility

    path = tmp_path / "broken.xlsx"
    path.write_bytes(broken_workbook())
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_instrument", str(path)]).execute()
    assert exit_info.value.code != 0


def test_missing_files_and_unknown_systems_are_reported(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read the file"):
        call_command("import_instrument", str(tmp_path / "missing.xlsx"))
    with pytest.raises(CommandError, match="There is no ICS with ODS code ZZZ"):
        call_command("import_instrument", str(tmp_path / "missing.xlsx"), "--ics", "ZZZ")


def test_export_writes_the_standard_questionnaire_and_it_imports_back(tmp_path: Path) -> None:
    path = tmp_path / "pulse.xlsx"
    out, _ = run("export_instrument", "ccpl-pulse-check", "--version", "1", "--output", str(path))
    assert out.strip() == f"Wrote ccpl-pulse-check version 1 to {path}"
    assert read_xlsform(path.read_bytes()) == pulse_check().definition
    out, _ = run("import_instrument", str(path), "--ics", "QYG")
    assert out.strip() == "ccpl-pulse-check version 1 (imported)"
    own = InstrumentVersion.objects.get(instrument__ics=ics("QYG"))
    assert own.definition == pulse_check().definition


def test_export_of_an_unknown_questionnaire_fails(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no instrument nothing-here version 2"):
        call_command(
            "export_instrument",
            "nothing-here",
            "--version",
            "2",
            "--output",
            str(tmp_path / "x.xlsx"),
        )
