from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from pulse.organisations.models import ICS, Region
from pulse.organisations.reference import ReferenceDataError, parse_reference

DATA = Path(settings.BASE_DIR, "pulse", "organisations", "data")
REGIONS = (DATA / "regions.csv").read_bytes()
ICBS = (DATA / "icbs.csv").read_bytes()


@pytest.mark.django_db
def test_migrations_load_exactly_42_systems_in_7_regions() -> None:
    assert Region.objects.count() == 7
    assert ICS.objects.filter(active=True).count() == 42
    per_region = Counter(ICS.objects.values_list("region__name", flat=True))
    assert per_region == {
        "London": 5,
        "South West": 7,
        "South East": 6,
        "Midlands": 11,
        "East of England": 6,
        "North West": 3,
        "North East and Yorkshire": 4,
    }


@pytest.mark.django_db
def test_systems_carry_their_ods_and_ons_codes() -> None:
    sussex = ICS.objects.get(ods_code="QNX")
    assert (sussex.ons_code, sussex.short_name, sussex.region.code) == (
        "E54000053",
        "Sussex",
        "Y59",
    )


def test_the_projects_reference_files_match_the_shared_reference_data() -> None:
    shared = Path(settings.BASE_DIR).parent / "shared" / "reference"
    if not shared.exists():
        pytest.skip("../shared is not beside the project")
    assert (shared / "icbs.csv").read_bytes() == ICBS
    assert (shared / "regions.csv").read_bytes() == REGIONS


def test_a_file_saved_with_a_byte_order_mark_is_accepted() -> None:
    regions, icbs = parse_reference(b"\xef\xbb\xbf" + REGIONS, ICBS)
    assert len(regions) == 7
    assert len(icbs) == 42


def problems(regions: bytes, icbs: bytes) -> list[str]:
    with pytest.raises(ReferenceDataError) as error:
        parse_reference(regions, icbs)
    return error.value.problems


def test_every_bad_row_is_reported_with_its_line_number() -> None:
    lines = ICBS.decode().splitlines()
    lines[3] = "Q1" + lines[3][3:]  # bad ODS code on line 4
    lines[5] = lines[5].replace(",Y56,", ",Y99,")  # unknown region on line 6
    lines[7] = lines[1]  # duplicate of line 2 on line 8
    found = problems(REGIONS, "\n".join(lines).encode())
    assert "icbs line 4: ODS code 'Q1' must be Q followed by 2 capital letters or digits" in found
    assert "icbs line 6: region code 'Y99' is not in the regions file" in found
    assert "icbs line 8: ODS code 'QMJ' appears more than once" in found
    assert "icbs line 8: ONS code 'E54000028' appears more than once" in found


@pytest.mark.parametrize(
    ("regions", "icbs", "expected"),
    [
        (b"", ICBS, "regions: the file is empty"),
        (
            b"code,name\nY56,London\n",
            ICBS,
            "regions line 1: the header must be region_code,region_ons_code,region_name",
        ),
        (REGIONS, b"\xff\xfe\x00bad", "icbs: the file must be saved as UTF-8 text (CSV)"),
        (REGIONS, ICBS.splitlines()[0] + b"\n", "icbs: the file has a header but no rows"),
        (REGIONS, ICBS + b"QAB,E54000099,Name\n", "expected 7 fields, found 3"),
    ],
)
def test_malformed_files_are_rejected_with_a_clear_message(
    regions: bytes, icbs: bytes, expected: str
) -> None:
    assert any(expected in p for p in problems(regions, icbs))
