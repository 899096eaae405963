from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pulse.core.models import AuditEntry
from pulse.organisations.models import ICS
from pulse.organisations.tests.test_reference_data import ICBS, REGIONS

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, regions: bytes, icbs: bytes) -> tuple[Path, Path]:
    (tmp_path / "regions.csv").write_bytes(regions)
    (tmp_path / "icbs.csv").write_bytes(icbs)
    return tmp_path / "regions.csv", tmp_path / "icbs.csv"


def test_importing_renamed_systems_updates_them_and_records_an_audit_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    icbs = ICBS.replace(b",Sussex,", b",Sussex Health and Care,")
    regions_file, icbs_file = write(tmp_path, REGIONS, icbs)
    call_command("import_organisations", "--regions", regions_file, "--icbs", icbs_file)
    assert ICS.objects.get(ods_code="QNX").short_name == "Sussex Health and Care"
    assert "0 ICSs added, 42 updated, 0 marked inactive" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="reference_data_imported").exists()


def test_a_system_missing_from_the_file_is_kept_but_marked_inactive(tmp_path: Path) -> None:
    icbs = b"\n".join(line for line in ICBS.splitlines() if not line.startswith(b"QNX")) + b"\n"
    call_command(
        "import_organisations",
        "--regions",
        *write(tmp_path, REGIONS, icbs)[:1],
        "--icbs",
        tmp_path / "icbs.csv",
    )
    sussex = ICS.objects.get(ods_code="QNX")
    assert sussex.active is False
    assert ICS.objects.filter(active=True).count() == 41


def test_a_bad_file_imports_nothing_and_lists_each_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ICBS.decode().splitlines()
    lines[1] = lines[1].replace("North Central London", "Renamed")  # a good change...
    lines[2] = lines[2].replace("E54000029", "X")  # ...and a bad row
    regions_file, icbs_file = write(tmp_path, REGIONS, "\n".join(lines).encode())
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_organisations", "--regions", regions_file, "--icbs", icbs_file)
    assert "icbs line 3: ONS code 'X' must be E54 followed by 6 digits" in capsys.readouterr().err
    assert ICS.objects.get(ods_code="QMJ").short_name == "North Central London"


def test_a_missing_file_gets_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read the file"):
        call_command(
            "import_organisations",
            "--regions",
            tmp_path / "nope.csv",
            "--icbs",
            tmp_path / "nope.csv",
        )
