"""Display values for importing results from another survey tool."""

from typing import Any

from pulse.core.formatting import nhs_date
from pulse.surveys.models import ResultsUpload
from pulse.surveys.results_import.mapping import Target

PREVIEW_ROWS = 5


def column_examples(upload: ResultsUpload) -> dict[str, str]:
    """A few of the answers in each column, to help recognise it (field name -> hint)."""
    hints = {}
    for column in upload.columns:
        index = str(column["index"])
        seen: list[str] = []
        for row in upload.rows:
            value = row["values"].get(index) or ""
            if value and value not in seen:
                seen.append(value[:40])
            if len(seen) == 3:
                break
        if column["kind"] == "answer" and seen:
            hints[f"column_{index}"] = "For example: " + "; ".join(seen)
    return hints


def answer_groups(form: Any) -> list[dict[str, Any]]:
    return [
        {"legend": group["target"].label, "fields": [form[name] for name in group["names"]]}
        for group in form.groups
    ]


def imported_message(count: int) -> str:
    return f"{count:,} response{'s' if count != 1 else ''} imported"


def _n(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def preview_summary(upload: ResultsUpload, check: Any) -> list[dict[str, Any]]:
    rows = [
        ("File", upload.filename),
        ("Rows in the file", _n(len(upload.rows), "row", "rows")),
        ("Responses to import", _n(len(check.importable), "response", "responses")),
        ("Rows with no answers, left out", _n(check.blank, "row", "rows")),
        ("Rows that cannot be imported", _n(len(check.problems), "row", "rows")),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def problem_rows(check: Any) -> list[list[dict[str, str]]]:
    return [[{"text": row.line}, {"text": ". ".join(row.problems)}] for row in check.problems]


def display(target: Target, value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(display(target, item) for item in value)
    labels = {o.code: o.label for o in target.options}
    return labels.get(str(value), str(value))


def first_rows(upload: ResultsUpload, check: Any) -> dict[str, Any]:
    """The first responses as they will be stored, one column each (no personal columns:
    they were dropped when the file was read)."""
    from pulse.surveys.services.results import upload_targets

    shown = check.importable[:PREVIEW_ROWS]
    found = upload_targets(upload)
    keys = [key for key in found if key in set(upload.column_map.values())]
    head = [{"text": "Question"}] + [{"text": row.line} for row in shown]
    rows = [
        [{"text": found[key].label}]
        + [
            {
                "text": display(found[key], row.answers[key])
                if key in row.answers
                else "Not answered"
            }
            for row in shown
        ]
        for key in keys
    ]
    dates = [{"text": "Date"}] + [
        {"text": nhs_date(row.submitted_on) if row.submitted_on else "The closing date"}
        for row in shown
    ]
    return {"head": head, "rows": [dates, *rows] if shown else []}
