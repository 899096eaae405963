"""Checks shared by the export tests and the browser journey: what a downloaded file must hold."""

import csv
import io
import re
import zipfile
from typing import Any

import pypdf
from openpyxl import load_workbook

#: The sections of the PDF board report (issue 6, item 3).
PDF_SECTIONS = [
    "Executive summary",
    "Biggest strengths",
    "Biggest gaps",
    "What changed",
    "Headline results",
    "Involvement by layer",
    "The five principles",
    "Principle 1",
    "Principle 5",
    "Change since the baseline",
    "Benchmark against England",
    "Themes from comments",
    "Appendix: methodology",
    "Disclosure rules",
    "Response rate",
    "Number of responses in each group",
]
SHEETS = [
    "Notes",
    "Groups",
    "Construct scores",
    "Item scores",
    "Layer by item",
    "Answer distributions",
    "Choice questions",
    "Change since previous",
    "Change since baseline",
    "Benchmark",
    "Reliability",
]
FORMULA = re.compile(r"^[=+\-@]")


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def small_counts(header: list[Any], rows: list[list[Any]], k: int = 10) -> list[str]:
    """Cells of "(n)" columns that describe fewer than k people (there must be none)."""
    found = []
    for index, name in enumerate(header):
        if isinstance(name, str) and name.endswith("(n)"):
            for row in rows:
                value = row[index] if index < len(row) else None
                if isinstance(value, int | float) and value < k:
                    found.append(f"{name}={value}")
    return found


def is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def unescaped_formulas(rows: list[list[Any]]) -> list[str]:
    """Text that a spreadsheet would run as a formula (negative numbers in a CSV are numbers)."""
    return [
        v
        for row in rows
        for v in row
        if isinstance(v, str) and FORMULA.match(v) and not is_number(v)
    ]


def workbook_problems(content: bytes) -> list[str]:
    """Every way the Excel pack could break the rules; empty when it is right."""
    workbook = load_workbook(io.BytesIO(content))
    problems = []
    if workbook.sheetnames != SHEETS:
        problems.append(f"sheets {workbook.sheetnames}")
    for sheet in workbook.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if sheet.freeze_panes != "A2":
            problems.append(f"{sheet.title}: header not frozen")
        problems += [f"{sheet.title}: {c}" for c in small_counts(rows[0], rows[1:])]
        problems += [f"{sheet.title}: formula {v}" for v in unescaped_formulas(rows)]
        for cell in (c for row in sheet.iter_rows() for c in row):
            if cell.data_type == "f":
                problems.append(f"{sheet.title}!{cell.coordinate} is a formula")
    return problems


def csv_tables(content: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        tables = {}
        for name in archive.namelist():
            raw = archive.read(name)
            assert raw.startswith(b"\xef\xbb\xbf"), f"{name} has no BOM"
            tables[name] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    return tables
