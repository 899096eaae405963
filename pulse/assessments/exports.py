"""A completed round's PDF report and Excel data pack, made with the reports app's machinery
(`html_to_pdf`, `workbook_bytes`) from the same context as the results page."""

from typing import Any

from django.template.loader import render_to_string

from pulse.assessments import selectors
from pulse.assessments.maturity import LEVEL_NAMES
from pulse.assessments.models import Level, Round
from pulse.assessments.report import results_context
from pulse.assessments.results import RoundResults
from pulse.core.formatting import nhs_date
from pulse.reports.exports.pdf import html_to_pdf
from pulse.reports.exports.tables import Column, Sheet
from pulse.reports.exports.xlsx import workbook_bytes


def render_round_pdf(round: Round) -> bytes:
    context = results_context(round)
    html = render_to_string(
        "assessments/pdf/round_report.jinja",
        {**context, "round": round, "ics": round.ics, "pdf": True},
    )
    return html_to_pdf(html)


def _name(level: int | None) -> str:
    return LEVEL_NAMES.get(level or 0, "")


def _principles(results: RoundResults) -> Sheet:
    rows = [
        [
            p.code,
            p.principle.title,
            p.mean,
            _name(p.level),
            "; ".join(str(i) for i in p.weakest),
            p.previous_mean,
            p.movement,
        ]
        for p in results.principles
    ]
    columns = [
        Column("Principle", "code"),
        Column("Title", "title"),
        Column("Maturity (1 to 4)", "mean", "score"),
        Column("Nearest level", "level"),
        Column("Weakest indicators", "weakest"),
        Column("Previous round (1 to 4)", "previous", "score"),
        Column("Movement", "movement", "score"),
    ]
    return Sheet(
        "Principles",
        "principles",
        "Each principle's maturity: the mean of its indicators' agreed levels (1 Emerging to 4 Thriving), its weakest indicators and the movement since the previous round.",
        columns,
        rows,
    )


def _indicators(results: RoundResults) -> Sheet:
    rows = []
    for p in results.principles:
        for item in p.indicators:
            agreed = item.agreed
            rows.append(
                [
                    item.indicator.number,
                    item.indicator.key,
                    item.indicator.title,
                    _name(item.level),
                    item.level,
                    item.previous_level,
                    item.movement,
                    agreed.rationale if agreed else "",
                    agreed.evidence if agreed else "",
                    agreed.evidence_link if agreed else "",
                ]
            )
    headers = ["Number", "Key", "Indicator", "Agreed level", "Agreed level (1 to 4)", "Previous round (1 to 4)", "Movement (levels)", "Rationale", "Evidence", "Evidence link"]  # fmt: skip
    kinds = ["text", "text", "text", "text", "int", "int", "int", "text", "text", "text"]
    columns = [Column(h, h, k) for h, k in zip(headers, kinds, strict=True)]
    return Sheet(
        "Indicators",
        "indicators",
        "The level the panel agreed for each indicator, why, and the evidence.",
        columns,
        rows,
    )


def _gateway(results: RoundResults) -> Sheet:
    rows = [
        [
            g.question.key,
            g.question.title,
            g.agreed.get_answer_display() if g.agreed else "",
            g.previous_answer or "",
            g.agreed.evidence if g.agreed else "",
            g.agreed.evidence_link if g.agreed else "",
        ]
        for g in results.gateway
    ]
    headers = [
        "Key",
        "Core expectation",
        "Agreed answer",
        "Previous round",
        "Evidence",
        "Evidence link",
    ]
    return Sheet(
        "Gateway",
        "gateway",
        "The panel's agreed answers to the two core expectations.",
        [Column(h, h) for h in headers],
        rows,
    )


def _gap(context: dict[str, Any]) -> Sheet:
    rows = [
        [
            g.code,
            g.panel_mean,
            g.panel_level,
            g.leaders_mean,
            g.leaders_hidden,
            g.england_median,
            "Yes" if g.gap else "No",
            g.reading,
        ]
        for g in context["gaps"]
    ]
    headers = ["Principle", "Panel's maturity (1 to 4)", "Nearest level", "Leaders' score (out of 10)", "Note", "England median (out of 10)", "Possible gap", "Reading"]  # fmt: skip
    kinds = ["text", "score", "text", "score", "text", "score", "text", "text"]
    return Sheet(
        "Perception gap",
        "perception_gap",
        context["gap_source"],
        [Column(h, h, k) for h, k in zip(headers, kinds, strict=True)],
        rows,
    )


def _spread(round: Round, results: RoundResults) -> Sheet:
    ratings = selectors.panel_ratings_for_file(round=round)
    rows = []
    for p in results.principles:
        for item in p.indicators:
            spread = ratings.spread(item.indicator.pk)
            counts = [spread.counts[level.value] for level in Level]
            rows.append(
                [
                    item.indicator.number,
                    item.indicator.title,
                    *counts,
                    spread.n,
                    spread.range,
                    "Yes" if spread.disagreement else "No",
                ]
            )
    headers = [
        "Number",
        "Indicator",
        *(f"{level.label} (n)" for level in Level),
        "Ratings (n)",
        "Range (levels)",
        "Disagreement",
    ]
    kinds = ["text", "text", "int", "int", "int", "int", "int", "int", "text"]
    description = f"How the {ratings.submitted} submitted ratings spread over the levels. A disagreement is a range of two levels or more. Nobody is named."
    return Sheet(
        "Panel ratings",
        "panel_ratings",
        description,
        [Column(h, h, k) for h, k in zip(headers, kinds, strict=True)],
        rows,
    )


def _notes(round: Round, sheets: list[Sheet]) -> list[list[str]]:
    rows = [
        ["Leadership Pulse culture self-assessment", f"{round.ics.name}: {round.title}"],
        ["Framework", str(round.version)],
        ["Completed", nhs_date(round.completed_on)],
        [
            "Levels",
            "1 Emerging, 2 Developing, 3 Maturing, 4 Thriving. A principle's maturity is the mean of its indicators' agreed levels.",
        ],
        ["", ""],
        ["Sheet", "What it holds"],
    ]
    rows += [[sheet.name, sheet.description] for sheet in sheets]
    rows.append(
        [
            "Text starting with = + - or @",
            "Shown with an apostrophe in front, so that spreadsheet programs do not run it as a formula.",
        ]
    )
    return rows


def render_round_xlsx(round: Round) -> bytes:
    context = results_context(round)
    results: RoundResults = context["results"]
    sheets = [
        _principles(results),
        _indicators(results),
        _gateway(results),
        _gap(context),
        _spread(round, results),
    ]
    return workbook_bytes(title=context["title"], notes=_notes(round, sheets), sheets=sheets)
