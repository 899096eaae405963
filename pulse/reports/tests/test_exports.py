"""The PDF board report, the Excel data pack and the CSV tables, read back as a user would."""

import io

import pypdf
import pytest
from openpyxl import load_workbook

from pulse.reports.exports.csv_zip import render_csv_zip
from pulse.reports.exports.pdf import render_pdf
from pulse.reports.exports.xlsx import render_xlsx, safe_text
from pulse.reports.results import Results
from pulse.reports.selectors import results_for_wave
from pulse.reports.tests.builders import FORMULA_LABEL, FORMULA_TEXT
from pulse.reports.tests.exports import (
    PDF_SECTIONS,
    csv_tables,
    pdf_text,
    small_counts,
    unescaped_formulas,
    workbook_problems,
)
from pulse.surveys.models import Wave

pytestmark = pytest.mark.django_db


def _results(wave: Wave) -> Results:
    results = results_for_wave(wave=wave)
    assert results is not None
    return results


def test_the_pdf_has_every_section_of_the_board_report(rerun: Wave) -> None:
    content = render_pdf(_results(rerun))
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for heading in PDF_SECTIONS:
        assert heading in text, heading
    assert "out of 10" in text and "Page 1 of" in text


def test_the_pdf_is_tagged_titled_and_in_english(rerun: Wave) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(_results(rerun))))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower().startswith("en")
    assert reader.metadata.title == f"{rerun.ics.short_name}: {rerun.title}, board report"


def test_the_baseline_pdf_says_it_is_the_baseline(pair: tuple[Wave, Wave]) -> None:
    text = pdf_text(render_pdf(_results(pair[0])))
    assert "Change since the baseline" in text
    assert "it is the baseline" in text


def test_the_excel_pack_has_its_sheets_frozen_headers_and_no_small_counts(rerun: Wave) -> None:
    content = render_xlsx(_results(rerun))
    assert workbook_problems(content) == []


def test_the_excel_pack_keeps_numbers_as_numbers_and_hidden_cells_in_words(rerun: Wave) -> None:
    sheet = load_workbook(io.BytesIO(render_xlsx(_results(rerun))))["Construct scores"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    score, note = header.index("Score out of 10"), header.index("Note")
    shown = [r for r in rows[1:] if not r[note]]
    hidden = [r for r in rows[1:] if r[note]]
    assert shown and all(isinstance(r[score], int | float) for r in shown)
    assert hidden and all(r[score] is None for r in hidden)
    assert {"Fewer than 10 responses", "Hidden to protect a small group"} >= {
        r[note] for r in hidden
    }


def test_the_notes_sheet_explains_the_rules(rerun: Wave) -> None:
    notes = load_workbook(io.BytesIO(render_xlsx(_results(rerun))))["Notes"]
    text = " ".join(str(v) for row in notes.iter_rows(values_only=True) for v in row if v)
    for words in (
        "Minimum group size (k)",
        "Fewer than 10 responses",
        "Scoring",
        "Disclosure rules",
        "Answer distributions",
    ):
        assert words in text, words


def test_text_that_would_run_as_a_formula_is_escaped(rerun: Wave) -> None:
    workbook = load_workbook(io.BytesIO(render_xlsx(_results(rerun))))
    values = [v for row in workbook["Choice questions"].iter_rows(values_only=True) for v in row]
    assert safe_text(FORMULA_LABEL) in values and "'+44 telephone call" in values
    assert FORMULA_LABEL not in values
    tables = csv_tables(render_csv_zip(_results(rerun)))
    cells = [v for row in tables["choice_questions.csv"] for v in row]
    assert safe_text(FORMULA_LABEL) in cells and FORMULA_LABEL not in cells
    assert FORMULA_TEXT.startswith("=") and safe_text(FORMULA_TEXT).startswith("'=")


def test_the_csv_tables_are_the_same_tables_with_a_bom_and_no_small_counts(rerun: Wave) -> None:
    tables = csv_tables(render_csv_zip(_results(rerun)))
    assert "notes.csv" in tables and "construct_scores.csv" in tables
    assert len(tables) == 11
    for name, rows in tables.items():
        numeric = [
            [float(v) if v.replace(".", "", 1).replace("-", "", 1).isdigit() else v for v in row]
            for row in rows[1:]
        ]
        assert small_counts(rows[0], numeric) == [], name
        assert unescaped_formulas(rows) == [], name
