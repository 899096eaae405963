"""Importing responses exported from another survey tool into a closed wave: upload, map the
columns and the answers (or reuse a saved mapping), preview, then import all or nothing.

Personal columns are dropped and timestamps reduced to dates when the file is read, before
anything is stored (`pulse.surveys.results_import.reading`). Each row is checked by
`clean_answers`, as online answers are, and stored by `response_create` as an imported
response dated by the other tool's date (or the wave's closing date).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pulse.core.services import audit_record
from pulse.organisations.models import ICS
from pulse.surveys.models import ResponseSource, ResultsMapping, ResultsUpload, Wave, WaveStatus
from pulse.surveys.participants_file import normalise
from pulse.surveys.results_import.mapping import (
    BLANK,
    MappedRow,
    Target,
    check_row,
    distinct_labels,
    map_row,
    suggest_columns,
    suggest_value,
    targets,
)
from pulse.surveys.results_import.reading import Export, day_first, read_export, to_date
from pulse.surveys.services.responses import response_create, wave_place_codes
from pulse.surveys.tabular import TableError

PREFERRED_DATE = ("end", "completion", "submitted", "completed", "last modified")


def _audit(wave: Wave, action: str, by: Any, **details: Any) -> None:
    audit_record(actor=by, action=action, target=wave, ics_code=wave.ics.ods_code, details=details)


def _require_closed(wave: Wave) -> None:
    if wave.status != WaveStatus.CLOSED:
        raise ValidationError(
            "You can only import responses into a survey that has closed and is not yet published"
        )


def upload_targets(upload: ResultsUpload) -> dict[str, Target]:
    return targets(upload.wave.definition, upload.wave.places)


def _stored_rows(export: Export) -> list[dict[str, Any]]:
    """Rows as stored: answer cells as text, date cells as an ISO date (None: not a date)."""
    orders = {
        c.index: day_first([row.cell(c.index) for row in export.rows if row.cell(c.index)])
        for c in export.columns
        if c.kind == "date"
    }
    rows = []
    for row in export.rows:
        values: dict[str, Any] = {}
        for column in export.columns:
            cell = row.cell(column.index)
            if column.kind == "date" and cell:
                day = to_date(cell, day_first_order=orders[column.index])
                values[str(column.index)] = day.isoformat() if day else None
            else:
                values[str(column.index)] = cell
        rows.append({"line": row.label, "values": values})
    return rows


def _notes(export: Export) -> list[str]:
    notes = []
    if export.dropped:
        notes.append(
            "These columns hold personal details or the other tool's ids, so they were "
            "deleted and will not be imported: " + ", ".join(export.dropped)
        )
    dates = [c.heading for c in export.columns if c.kind == "date"]
    if dates:
        notes.append(
            "Dates and times were found in: " + ", ".join(dates) + ". Only the date is kept."
        )
    return notes


def _date_column(export: Export) -> int | None:
    dates = [c for c in export.columns if c.kind == "date"]
    for column in dates:
        if any(word in normalise(column.heading) for word in PREFERRED_DATE):
            return column.index
    return dates[-1].index if dates else None


@transaction.atomic
def results_upload_create(*, wave: Wave, name: str, data: bytes, by: Any) -> ResultsUpload:
    """Read an export (personal columns dropped, times removed) and start mapping it."""
    _require_closed(wave)
    try:
        export = read_export(name, data)
    except TableError as error:
        raise ValidationError({"file": str(error)}) from error
    if not export.rows:
        raise ValidationError({"file": "The selected file has no responses in it"})
    if not any(c.kind == "answer" for c in export.columns):
        raise ValidationError({"file": "The selected file has no columns of answers to import"})
    ResultsUpload.objects.filter(wave=wave).delete()  # one import in progress per wave
    upload = ResultsUpload.objects.create(
        wave=wave,
        filename=name[-200:],
        columns=[{"index": c.index, "heading": c.heading, "kind": c.kind} for c in export.columns],
        rows=_stored_rows(export),
        dropped=export.dropped,
        notes=_notes(export),
        date_column=_date_column(export),
        created_by=by if getattr(by, "pk", None) else None,
    )
    headings = {c.index: c.heading for c in export.columns if c.kind == "answer"}
    upload.column_map = {
        str(i): k for i, k in suggest_columns(headings, upload_targets(upload)).items()
    }
    _suggest_values(upload)
    upload.save(update_fields=["column_map", "value_map"])
    _audit(wave, "results_file_uploaded", by, rows=len(upload.rows), dropped=len(export.dropped))
    return upload


def labels_by_key(upload: ResultsUpload) -> dict[str, list[str]]:
    """For each mapped question with options: the different answers found in its columns."""
    found = upload_targets(upload)
    rows = [row["values"] for row in upload.rows]
    labels: dict[str, list[str]] = {}
    for index, key in upload.column_map.items():
        target = found.get(key)
        if target is None or not target.has_options:
            continue
        cells = [[values.get(index) or ""] for values in rows]
        for label in distinct_labels(cells, 0, target):
            if label not in labels.setdefault(key, []):
                labels[key].append(label)
    return labels


def _suggest_values(upload: ResultsUpload) -> None:
    found = upload_targets(upload)
    value_map = {k: dict(v) for k, v in upload.value_map.items() if k in upload.column_map.values()}
    for key, labels in labels_by_key(upload).items():
        known = value_map.setdefault(key, {})
        for label in labels:
            if normalise(label) not in known and (code := suggest_value(label, found[key])):
                known[normalise(label)] = code
    upload.value_map = value_map


@transaction.atomic
def results_columns_update(
    *, upload: ResultsUpload, column_map: Mapping[int, str], date_column: int | None, by: Any
) -> ResultsUpload:
    """Choose the question each column answers (unmapped columns are ignored) and the column
    that dates each response."""
    _require_closed(upload.wave)
    found = upload_targets(upload)
    columns = {c["index"]: c for c in upload.columns}
    chosen = {int(i): key for i, key in column_map.items() if key}
    errors: dict[str, list[str]] = {}
    for index, key in chosen.items():
        if index not in columns or columns[index]["kind"] != "answer" or key not in found:
            errors.setdefault(f"column_{index}", []).append("Select a question from the list")
        elif found[key].question.type != "multiple_choice" and list(chosen.values()).count(key) > 1:
            errors.setdefault(f"column_{index}", []).append(
                f"Only one column can answer {key}: choose a different question for the others"
            )
    if not chosen and not errors:
        raise ValidationError("Choose the question at least one column answers")
    if date_column is not None and columns.get(date_column, {}).get("kind") != "date":
        errors["date_column"] = ["Select a column of dates, or no date"]
    if errors:
        raise ValidationError(errors)
    upload.column_map = {str(i): key for i, key in chosen.items()}
    upload.date_column = date_column
    _suggest_values(upload)
    upload.save(update_fields=["column_map", "date_column", "value_map"])
    _audit(upload.wave, "results_columns_mapped", by, columns=len(chosen))
    return upload


@transaction.atomic
def results_values_update(
    *, upload: ResultsUpload, value_map: Mapping[str, Mapping[str, str]], by: Any
) -> ResultsUpload:
    """Choose the option each answer label means (or "not answered")."""
    _require_closed(upload.wave)
    found = upload_targets(upload)
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, dict[str, str]] = {}
    for key, labels in value_map.items():
        target = found.get(key)
        codes = {o.code for o in target.options} if target else set()
        for field_name, (label, code) in enumerate(labels.items()):
            if code not in codes and code != BLANK:
                errors.setdefault(f"{key}__{field_name}", []).append("Select an answer")
            cleaned.setdefault(key, {})[normalise(label)] = code
    if errors:
        raise ValidationError(errors)
    upload.value_map = {**upload.value_map, **cleaned}
    upload.save(update_fields=["value_map"])
    _audit(upload.wave, "results_answers_mapped", by)
    return upload


@dataclass
class ResultsCheck:
    """What importing would do: every row, mapped and checked."""

    rows: list[MappedRow] = field(default_factory=list)
    blank: int = 0

    @property
    def importable(self) -> list[MappedRow]:
        return [row for row in self.rows if row.answers and not row.problems]

    @property
    def problems(self) -> list[MappedRow]:
        return [row for row in self.rows if row.problems]


def results_check(upload: ResultsUpload) -> ResultsCheck:
    """Map and check every row without storing anything."""
    wave = upload.wave
    found, places = upload_targets(upload), wave_place_codes(wave)
    check = ResultsCheck()
    for stored in upload.rows:
        values = stored["values"]
        joined: dict[str, list[str]] = {}
        for index, key in upload.column_map.items():
            if values.get(index):
                joined.setdefault(key, []).append(values[index])
        row = map_row(
            stored["line"], {k: ";".join(v) for k, v in joined.items()}, upload.value_map, found
        )
        _date(row, values, upload.date_column)
        if not row.answers and not row.problems:
            check.blank += 1
            continue
        check.rows.append(check_row(row, wave.definition, places))
    return check


def _date(row: MappedRow, values: Mapping[str, Any], column: int | None) -> None:
    if column is None:
        return
    value = values.get(str(column))
    if value is None:
        row.problems.append("The date is not a date this service can read")
    elif value:
        row.submitted_on = date.fromisoformat(value)


@transaction.atomic
def results_import(*, upload: ResultsUpload, save_as: str = "", by: Any) -> int:
    """Store every row as an imported response, or nothing if any row has a problem."""
    wave = Wave.objects.select_for_update().select_related("ics").get(pk=upload.wave_id)
    _require_closed(wave)
    check = results_check(upload)
    if check.problems:
        raise ValidationError(
            f"{len(check.problems):,} rows cannot be imported, so nothing has been imported"
        )
    if not check.importable:
        raise ValidationError(
            "There are no answers to import. Check which questions the columns answer"
        )
    for row in check.importable:
        response_create(
            wave=wave,
            answers=row.answers,
            source=ResponseSource.IMPORT,
            submitted_on=row.submitted_on or wave.closes_on,
        )
    if save_as.strip():
        results_mapping_save(ics=wave.ics, name=save_as, upload=upload, by=by)
    _audit(wave, "results_imported", by, responses=len(check.importable))
    upload.delete()
    return len(check.importable)


def results_mapping_save(*, ics: ICS, name: str, upload: ResultsUpload, by: Any) -> ResultsMapping:
    """Keep the upload's mapping, by column heading, to reuse with the next export."""
    headings = {str(c["index"]): c["heading"] for c in upload.columns}
    mapping, _ = ResultsMapping.objects.update_or_create(
        ics=ics,
        name=name.strip()[:100],
        defaults={
            "columns": {headings[i]: key for i, key in upload.column_map.items() if i in headings},
            "values": upload.value_map,
            "date_column": headings.get(str(upload.date_column), ""),
            "created_by": by if getattr(by, "pk", None) else None,
        },
    )
    audit_record(actor=by, action="results_mapping_saved", target=mapping, ics_code=ics.ods_code)
    return mapping


@transaction.atomic
def results_mapping_apply(
    *, upload: ResultsUpload, mapping: ResultsMapping, by: Any
) -> ResultsUpload:
    """Use a saved mapping: columns are matched by heading, answers by label."""
    _require_closed(upload.wave)
    found = upload_targets(upload)
    by_heading = {normalise(h): key for h, key in mapping.columns.items() if key in found}
    column_map, date_column = {}, None
    for column in upload.columns:
        heading = normalise(column["heading"])
        if column["kind"] == "answer" and heading in by_heading:
            column_map[str(column["index"])] = by_heading[heading]
        if column["kind"] == "date" and heading == normalise(mapping.date_column):
            date_column = column["index"]
    if not column_map:
        raise ValidationError(
            {"mapping": "None of the columns in this file match the saved mapping"}
        )
    upload.column_map = column_map
    upload.date_column = date_column if mapping.date_column else upload.date_column
    upload.value_map = {k: dict(v) for k, v in mapping.values.items() if k in found}
    _suggest_values(upload)
    upload.save(update_fields=["column_map", "date_column", "value_map"])
    _audit(upload.wave, "results_mapping_used", by, mapping=mapping.name)
    return upload
