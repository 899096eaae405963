"""CSV downloads: the data pack's tables, one UTF-8 CSV (with a BOM, for Excel) each, zipped."""

import csv
import io
import zipfile
from typing import Any

from pulse.reports.exports.notes import notes_rows
from pulse.reports.exports.tables import sheets
from pulse.reports.exports.xlsx import safe_text
from pulse.reports.results import Results


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in header])
    for row in rows:
        writer.writerow(
            ["" if v is None else safe_text(v) if isinstance(v, str) else v for v in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_csv_zip(results: Results) -> bytes:
    tables = sheets(results)
    notes = notes_rows(results, tables)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.csv", _csv(notes[0], notes[1:]))
        for sheet in tables:
            archive.writestr(
                f"{sheet.file}.csv", _csv([c.header for c in sheet.columns], sheet.rows)
            )
    return buffer.getvalue()
