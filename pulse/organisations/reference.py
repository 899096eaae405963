"""Reference data for NHS England regions and ICSs: parsing, validation and applying it.

The project owns its copy in `pulse/organisations/data/` (derived from the shared reference
files). Parsing is pure and reports every bad row; applying takes the model classes so the data
migration (historical models) and the import command (real models) share one implementation.
"""

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

REGION_HEADER = ["region_code", "region_ons_code", "region_name"]
ICB_HEADER = [
    "ods_code",
    "ons_code",
    "name",
    "short_name",
    "region_code",
    "region_ons_code",
    "region_name",
]
REGION_CODE = re.compile(r"^Y\d{2}$")
REGION_ONS = re.compile(r"^E40\d{6}$")
ICB_CODE = re.compile(r"^Q[A-Z0-9]{2}$")
ICB_ONS = re.compile(r"^E54\d{6}$")
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class RegionRow:
    code: str
    ons_code: str
    name: str


@dataclass(frozen=True)
class IcbRow:
    ods_code: str
    ons_code: str
    name: str
    short_name: str
    region_code: str


class ReferenceDataError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _rows(data: bytes, label: str, header: list[str], problems: list[str]) -> list[dict[str, str]]:
    if not data.strip():
        problems.append(f"{label}: the file is empty")
        return []
    if len(data) > MAX_BYTES:
        problems.append(f"{label}: the file is larger than 1 MB")
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(f"{label}: the file must be saved as UTF-8 text (CSV)")
        return []
    reader = csv.reader(io.StringIO(text))
    found = [h.strip() for h in next(reader, [])]
    if found != header:
        problems.append(f"{label} line 1: the header must be {','.join(header)}")
        return []
    rows = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(
                f"{label} line {line}: expected {len(header)} fields, found {len(values)}"
            )
            continue
        rows.append(
            {"_line": str(line), **{h: v.strip() for h, v in zip(header, values, strict=True)}}
        )
    if not rows and not problems:
        problems.append(f"{label}: the file has a header but no rows")
    return rows


def _check(problems: list[str], where: str, ok: bool, message: str) -> None:
    if not ok:
        problems.append(f"{where}: {message}")


def _parse_regions(data: bytes, problems: list[str]) -> list[RegionRow]:
    regions: list[RegionRow] = []
    seen: set[str] = set()
    for row in _rows(data, "regions", REGION_HEADER, problems):
        where = f"regions line {row['_line']}"
        code, ons, name = row["region_code"], row["region_ons_code"], row["region_name"]
        _check(
            problems,
            where,
            bool(REGION_CODE.match(code)),
            f"region code '{code}' must be Y followed by 2 digits, like Y56",
        )
        _check(
            problems,
            where,
            bool(REGION_ONS.match(ons)),
            f"ONS code '{ons}' must be E40 followed by 6 digits",
        )
        _check(problems, where, bool(name), "enter the region name")
        _check(problems, where, code not in seen, f"region code '{code}' appears more than once")
        seen.add(code)
        regions.append(RegionRow(code, ons, name))
    return regions


def _parse_icbs(data: bytes, regions: dict[str, RegionRow], problems: list[str]) -> list[IcbRow]:
    icbs: list[IcbRow] = []
    seen_ods: set[str] = set()
    seen_ons: set[str] = set()
    for row in _rows(data, "icbs", ICB_HEADER, problems):
        where = f"icbs line {row['_line']}"
        ods, ons = row["ods_code"], row["ons_code"]
        _check(
            problems,
            where,
            bool(ICB_CODE.match(ods)),
            f"ODS code '{ods}' must be Q followed by 2 capital letters or digits",
        )
        _check(
            problems,
            where,
            bool(ICB_ONS.match(ons)),
            f"ONS code '{ons}' must be E54 followed by 6 digits",
        )
        _check(problems, where, bool(row["name"]), "enter the ICB name")
        _check(problems, where, bool(row["short_name"]), "enter the short name")
        _check(problems, where, ods not in seen_ods, f"ODS code '{ods}' appears more than once")
        _check(problems, where, ons not in seen_ons, f"ONS code '{ons}' appears more than once")
        seen_ods.add(ods)
        seen_ons.add(ons)
        region = regions.get(row["region_code"])
        if region is None:
            problems.append(
                f"{where}: region code '{row['region_code']}' is not in the regions file"
            )
        elif (region.ons_code, region.name) != (row["region_ons_code"], row["region_name"]):
            problems.append(
                f"{where}: region ONS code and name do not match region {region.code} in the regions file"
            )
        icbs.append(IcbRow(ods, ons, row["name"], row["short_name"], row["region_code"]))
    return icbs


def parse_reference(regions_csv: bytes, icbs_csv: bytes) -> tuple[list[RegionRow], list[IcbRow]]:
    """Parse and validate both files; raise ReferenceDataError listing every problem."""
    problems: list[str] = []
    regions = _parse_regions(regions_csv, problems)
    icbs = _parse_icbs(icbs_csv, {r.code: r for r in regions}, problems)
    if problems:
        raise ReferenceDataError(problems)
    return regions, icbs


def apply_reference(
    regions: list[RegionRow], icbs: list[IcbRow], *, region_model: Any, ics_model: Any
) -> dict[str, int]:
    """Create or update every region and ICS; ICSs missing from the file become inactive."""
    counts = {"created": 0, "updated": 0, "deactivated": 0}
    by_code = {}
    for r in regions:
        region, _ = region_model.objects.update_or_create(
            code=r.code, defaults={"ons_code": r.ons_code, "name": r.name}
        )
        by_code[r.code] = region
    for i in icbs:
        _, created = ics_model.objects.update_or_create(
            ods_code=i.ods_code,
            defaults={
                "ons_code": i.ons_code,
                "name": i.name,
                "short_name": i.short_name,
                "region": by_code[i.region_code],
                "active": True,
            },
        )
        counts["created" if created else "updated"] += 1
    missing = ics_model.objects.exclude(ods_code__in=[i.ods_code for i in icbs]).filter(active=True)
    counts["deactivated"] = missing.update(active=False)
    return counts
