"""The national table as an SPSS data file (.sav), written by pyreadstat from the stored,
disclosure-controlled figures (never responses).

One case per area and scale: every system compared (within the file's scope), every region the
scope covers and England. Coded variables carry value labels (area type, region, scale, quartile
band, comparison with England, change, hidden) and every variable has a label. A hidden figure
is system-missing and `hidden` = 1 with the reason in `note`.
"""

import os
import tempfile
from typing import Any

import polars as pl
import pyreadstat

from pulse.reports.national import table
from pulse.reports.national.exports import Content
from pulse.reports.presenters.benchmark import FLAGS, QUARTERS
from pulse.reports.presenters.labels import construct_name
from pulse.reports.presenters.national import hidden_text

AREA_TYPES = {1: "System", 2: "Region", 3: "England"}
FUNNEL = {"below_99.8": -2, "below_95": -1, "within": 0, "above_95": 1, "above_99.8": 2}
CHANGE = {"declined": -1, "no significant change": 0, "improved": 1}
VARIABLE_LABELS = {
    "area_type": "Type of area",
    "area_code": "ODS code of the system or region (england for England)",
    "area_name": "Name of the system, region or England",
    "region": "NHS England region",
    "systems": "Systems compared in the area",
    "scale": "Scale",
    "scale_key": "Scale key",
    "n": "Responses contributing to the scale (n)",
    "score": "Score out of 10",
    "pct_positive": "Percentage positive (agree or strongly agree)",
    "quartile_band": "Quarter of systems the score is in",
    "funnel": "Compared with England (funnel plot limits)",
    "change": "Change since the system's previous survey",
    "hidden": "Figure hidden by disclosure control",
    "note": "Why the figure is hidden",
}


def _case(
    area_type: int,
    code: str,
    name: str,
    region: int | None,
    systems: int,
    key: str,
    index: int,
    score: table.Score | None,
    k: int,
) -> dict[str, Any]:
    hidden = score is None or score.suppressed
    shown = None if hidden else score
    return {
        "area_type": area_type,
        "area_code": code,
        "area_name": name,
        "region": region,
        "systems": systems,
        "scale": index,
        "scale_key": key,
        "n": None if shown is None else float(shown.n) if shown.n is not None else None,
        "score": None if shown is None else shown.mean,
        "pct_positive": None if shown is None else shown.pct_positive,
        "quartile_band": None if shown is None else shown.quartile_band,
        "funnel": None if shown is None else FUNNEL.get(shown.funnel_flag or ""),
        "change": None if shown is None else CHANGE.get(shown.change or ""),
        "hidden": 1 if hidden else 0,
        "note": hidden_text(score.reason if score else None, k) if hidden else "",
    }


def _cases(content: Content, regions: dict[str, int]) -> list[dict[str, Any]]:
    k = content.results.k
    cases = []
    for row in content.systems:
        for index, key in enumerate(content.keys, start=1):
            cases.append(
                _case(
                    1,
                    row.code,
                    row.name,
                    regions.get(row.region_code),
                    1,
                    key,
                    index,
                    row.scores.get(key),
                    k,
                )
            )
    for area in content.areas:
        area_type = 3 if area.code == "england" else 2
        for index, key in enumerate(content.keys, start=1):
            cases.append(
                _case(
                    area_type,
                    area.code,
                    area.name,
                    regions.get(area.code),
                    area.systems,
                    key,
                    index,
                    area.scores.get(key),
                    k,
                )
            )
    return cases


SCHEMA = {
    "area_type": pl.Int64, "area_code": pl.String, "area_name": pl.String, "region": pl.Int64,
    "systems": pl.Int64, "scale": pl.Int64, "scale_key": pl.String, "n": pl.Float64,
    "score": pl.Float64, "pct_positive": pl.Float64, "quartile_band": pl.Int64,
    "funnel": pl.Int64, "change": pl.Int64, "hidden": pl.Int64, "note": pl.String,
}  # fmt: skip


def render_sav(content: Content, region_names: dict[str, str]) -> bytes:
    """`region_names`: every region's name by code (numbered 1.. in code order for labels)."""
    regions = {code: i for i, code in enumerate(sorted(region_names), start=1)}
    frame = pl.DataFrame(_cases(content, regions), schema=SCHEMA)
    value_labels = {
        "area_type": AREA_TYPES,
        "region": {i: region_names[code] for code, i in regions.items()},
        "scale": {i: construct_name(key) for i, key in enumerate(content.keys, start=1)},
        "quartile_band": dict(QUARTERS),
        "funnel": {code: FLAGS[flag] for flag, code in FUNNEL.items()},
        "change": {-1: "Declined", 0: "No significant change", 1: "Improved"},
        "hidden": {0: "Shown", 1: "Hidden"},
    }
    publication = content.results.publication
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "national.sav")
        pyreadstat.write_sav(
            frame,
            path,
            file_label=f"Leadership Pulse national table: {publication.version}"[:64],
            column_labels=VARIABLE_LABELS,
            variable_value_labels=value_labels,
            variable_measure={
                "area_type": "nominal",
                "region": "nominal",
                "scale": "nominal",
                "quartile_band": "ordinal",
                "funnel": "ordinal",
                "change": "ordinal",
                "hidden": "nominal",
                "n": "scale",
                "score": "scale",
                "pct_positive": "scale",
            },
            # An SPSS document line holds at most 80 characters.
            note=[
                f"Minimum group size k = {content.results.k}.",
                "Made from the stored, disclosure-controlled figures only.",
            ],
        )
        with open(path, "rb") as handle:
            return handle.read()
