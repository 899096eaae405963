"""Analysts' files of the national table: an Excel workbook, CSV tables (zipped) and an SPSS
data file, for England or one region, made from the stored publication only (never responses).

Every file holds the same three tables: the systems compared, every system's score for every
scale (one row each), and England's and the regions' figures. A hidden figure is blank and its
note says why; no count below k appears. Text that a spreadsheet could run as a formula is
escaped.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from pulse.core.formatting import nhs_date
from pulse.organisations.models import ICS, Region
from pulse.reports.exports.xlsx import safe_text, workbook_bytes
from pulse.reports.national import table
from pulse.reports.national.scope import Scope
from pulse.reports.national.stored import NationalResults
from pulse.reports.presenters.benchmark import FLAGS
from pulse.reports.presenters.labels import construct_name
from pulse.reports.presenters.methodology import disclosure_paragraphs
from pulse.reports.presenters.national import hidden_text

CHANGE_TEXT = {
    "improved": "Improved",
    "declined": "Declined",
    "no significant change": "No significant change",
}


@dataclass(frozen=True)
class Table:
    name: str
    file: str
    description: str
    headers: list[str]
    rows: list[list[Any]]


@dataclass(frozen=True)
class Content:
    """What one scope's files hold: the records every format writes."""

    results: NationalResults
    scope: Scope
    systems: list[table.SystemRow]
    areas: list[table.AreaRow]
    keys: list[str]


def content_for(
    results: NationalResults, scope: Scope, systems: dict[str, ICS], regions: list[Region]
) -> Content:
    rows = table.system_rows(results, scope, systems)
    names = {r.code: r.name for r in regions}
    areas = [table.england_row(results), *table.region_rows(results, scope, names)]
    return Content(results, scope, rows, areas, table.construct_keys(results))


def _number(value: Any, digits: int) -> Any:
    return None if value is None else (int(value) if digits == 0 else round(float(value), digits))


def _score_values(score: table.Score | None, k: int) -> list[Any]:
    if score is None or score.suppressed:
        return [None, None, None, None, "", "", hidden_text(score.reason if score else None, k)]
    return [
        _number(score.n, 0),
        _number(score.mean, 2),
        _number(score.pct_positive, 1),
        score.quartile_band,
        FLAGS.get(score.funnel_flag or "", ""),
        CHANGE_TEXT.get(score.change or "", ""),
        "",
    ]


SCORE_HEADERS = [
    "Responses (n)",
    "Score out of 10",
    "% positive",
    "Quartile band (1 lowest, 4 highest)",
    "Compared with England (funnel plot)",
    "Change since the previous survey",
    "Note",
]


def systems_table(content: Content) -> Table:
    k = content.results.k
    rows = [
        [
            r.code,
            r.name,
            r.region_name,
            r.wave_title,
            nhs_date(r.opens_on),
            nhs_date(r.closes_on),
            r.responses,
            "" if r.responses is not None else hidden_text(r.responses_reason, k),
            r.earlier_title or "",
        ]
        for r in content.systems
    ]
    headers = [
        "ODS code",
        "System",
        "Region",
        "Survey",
        "Fieldwork from",
        "Fieldwork to",
        "Responses (n)",
        "Note",
        "Previous survey",
    ]
    return Table(
        "Systems",
        "systems",
        "Each system compared, its survey and its number of responses.",
        headers,
        rows,
    )


def scores_table(content: Content) -> Table:
    k = content.results.k
    rows = [
        [
            r.code,
            r.name,
            r.region_name,
            key,
            construct_name(key),
            *_score_values(r.scores.get(key), k),
        ]
        for r in content.systems
        for key in content.keys
    ]
    headers = ["ODS code", "System", "Region", "Scale key", "Scale", *SCORE_HEADERS]
    return Table(
        "Scores", "scores", "Every system's score for every scale, one row each.", headers, rows
    )


def areas_table(content: Content) -> Table:
    k = content.results.k
    rows = []
    for area in content.areas:
        for key in content.keys:
            values = _score_values(area.scores.get(key), k)
            rows.append(
                [
                    area.code,
                    area.name,
                    area.systems,
                    key,
                    construct_name(key),
                    values[0],
                    values[1],
                    values[2],
                    values[6],
                ]
            )
    headers = [
        "Area code",
        "Area",
        "Systems compared",
        "Scale key",
        "Scale",
        "Responses (n)",
        "Score out of 10",
        "% positive",
        "Note",
    ]
    return Table(
        "England and regions",
        "areas",
        "England's figures (every leader who answered in the systems compared) and each region's (pooled from its systems' published figures).",
        headers,
        rows,
    )


def tables(content: Content) -> list[Table]:
    return [systems_table(content), scores_table(content), areas_table(content)]


def notes_rows(content: Content, sheets: list[Table]) -> list[list[str]]:
    publication, k = content.results.publication, content.results.k
    scope = "England" if content.scope.region is None else content.scope.region.name
    rows = [
        ["Leadership Pulse national table", f"{scope}: {publication.version}"],
        [
            "Surveys compared",
            f"Each system's latest published survey of this version that closed between {nhs_date(publication.closes_from)} and {nhs_date(publication.closes_to)}; only the standard questions.",
        ],
        ["Results computed", nhs_date(publication.computed_at, with_time=True)],
        ["Minimum group size (k)", str(k)],
        ["", ""],
        ["Sheet", "What it holds"],
        *([t.name, t.description] for t in sheets),
        ["", ""],
        [
            "How hidden figures are shown",
            f"A hidden figure is blank and its Note says why. No file has a row per person or a count of responses below {k}.",
        ],
        *(["Disclosure rules", text] for text in disclosure_paragraphs(k)),
        [
            "Text starting with = + - or @",
            "Shown with an apostrophe in front, so that spreadsheet programs do not run it as a formula.",
        ],
    ]
    return rows


def render_xlsx(content: Content) -> bytes:
    from pulse.reports.exports.tables import Column, Sheet

    sheets = tables(content)
    return workbook_bytes(
        title=f"Leadership Pulse national table: {content.results.publication.version}",
        notes=notes_rows(content, sheets),
        sheets=[
            Sheet(t.name, t.file, t.description, [Column(h, h) for h in t.headers], t.rows)
            for t in sheets
        ],
    )


def _csv(headers: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in headers])
    for row in rows:
        writer.writerow(
            ["" if v is None else safe_text(v) if isinstance(v, str) else v for v in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_csv_zip(content: Content) -> bytes:
    sheets = tables(content)
    notes = notes_rows(content, sheets)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.csv", _csv(notes[0], notes[1:]))
        for sheet in sheets:
            archive.writestr(f"{sheet.file}.csv", _csv(sheet.headers, sheet.rows))
    return buffer.getvalue()
