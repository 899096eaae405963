"""A completed round's PDF report and Excel data pack, made with the reports machinery."""

import io

import pytest
from openpyxl import load_workbook

from pulse.actions.tests.factories import add_action
from pulse.assessments.exports import render_round_pdf, render_round_xlsx
from pulse.assessments.models import IndicatorConsensus
from pulse.assessments.tests.factories import completed_round
from pulse.reports.tests.exports import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def round() -> object:
    round = completed_round(levels={"p1_professions_in_decisions": 3})
    IndicatorConsensus.objects.filter(round=round, level=3).update(evidence="=HYPERLINK(1)")
    add_action(title="Give social care a seat at every place board", principle="P1")
    return round


def test_the_pdf_has_every_part_of_the_results(round: object) -> None:
    content = render_round_pdf(round)
    assert content.startswith(b"%PDF")
    text = " ".join(pdf_text(content).split())
    for part in (
        "Culture self-assessment 2026: culture self-assessment",
        "Headline results",
        "Gateway: the two core expectations",
        "The five principles",
        "The perception gap",
        "P1: Involved in decisions at every level",
        "Open actions for P1",
        "Give social care a seat at every place board",
        "P5: Fair recruitment and a diverse pipeline",
    ):
        assert part in text, part


def test_the_data_pack_has_a_sheet_per_table_and_escapes_formulas(round: object) -> None:
    workbook = load_workbook(io.BytesIO(render_round_xlsx(round)))
    assert workbook.sheetnames == [
        "Notes",
        "Principles",
        "Indicators",
        "Gateway",
        "Perception gap",
        "Panel ratings",
    ]
    principles = list(workbook["Principles"].iter_rows(values_only=True))
    assert principles[1][:4] == ("P1", "Involved in decisions at every level", 2.17, "Developing")
    indicators = list(workbook["Indicators"].iter_rows(values_only=True))
    first = next(r for r in indicators if r[0] == "P1.1")
    assert first[3:5] == ("Maturing", 3) and first[8] == "'=HYPERLINK(1)"
    spread = list(workbook["Panel ratings"].iter_rows(values_only=True))
    assert spread[0][2:6] == ("Emerging (n)", "Developing (n)", "Maturing (n)", "Thriving (n)")
    assert next(r for r in spread if r[0] == "P1.1")[2:7] == (0, 0, 1, 0, 1)
