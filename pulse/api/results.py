"""A published wave's results as API tables: the same tables as the Excel data pack, built by
the same code (`pulse.reports.exports.tables`) from the stored publication, with machine keys
for the columns and each row's `suppressed`, `reason` and `note`."""

import math
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pulse.reports.exports import tables
from pulse.reports.results import CHANGE_BASELINE, CHANGE_PREVIOUS, Results


@dataclass(frozen=True)
class TableSpec:
    title: str
    description: str
    build: Callable[[Results], tables.Sheet]


TABLES: dict[str, TableSpec] = {
    "groups": TableSpec("Groups", "The number of responses in every group of the breakdown list.", tables.groups_sheet),
    "construct_scores": TableSpec("Construct scores", "Scores for each principle, scale, level of the system and the involvement index, for every group.", tables.construct_sheet),
    "item_scores": TableSpec("Item scores", "Scores for each statement, for every group.", tables.item_sheet),
    "layer_items": TableSpec("Layer by item", "Scores for each involvement statement at each level of the system, for every group.", tables.layer_sheet),
    "answer_distributions": TableSpec("Answer distributions", "The percentage of people who gave each answer to each statement, for every group.", tables.distribution_sheet),
    "choice_questions": TableSpec("Choice questions", "Answers to single and multiple choice questions, as percentages.", tables.choice_sheet),
    "change_previous": TableSpec("Change since previous", "Change since the system's previous published survey, for every group published in both.", lambda r: tables.change_sheet(r, CHANGE_PREVIOUS)),
    "change_baseline": TableSpec("Change since baseline", "Change since the system's first published survey of the same questionnaire.", lambda r: tables.change_sheet(r, CHANGE_BASELINE)),
    "benchmark": TableSpec("Benchmark", "The system compared with England (other systems are not listed).", tables.benchmark_sheet),
    "reliability": TableSpec("Reliability", "Cronbach's alpha of each scale for the whole system.", tables.reliability_sheet),
}  # fmt: skip
NAMES = tuple(TABLES)
_KEY = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class ApiTable:
    name: str
    title: str
    description: str
    columns: list[dict[str, str]]
    rows: list[dict[str, Any]]


def column_key(column: tables.Column) -> str:
    """The stored column's name where there is one (n, mean, base_n...), else the header's words."""
    if isinstance(column.source, str) and _KEY.fullmatch(column.source):
        return column.source
    words = column.header.lower().replace("%", "pct").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "_", words).strip("_")


def _keys(columns: list[tables.Column]) -> list[str]:
    keys: list[str] = []
    for column in columns:
        key, n = column_key(column), 2
        while key in keys:
            key, n = f"{column_key(column)}_{n}", n + 1
        keys.append(key)
    return keys


def _clean(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def build_table(results: Results, name: str) -> ApiTable:
    spec = TABLES[name]
    sheet = spec.build(results)
    keys = _keys(sheet.columns)
    columns = [
        {"key": key, "header": c.header, "kind": c.kind}
        for key, c in zip(keys, sheet.columns, strict=True)
    ]
    rows = []
    for index, values in enumerate(sheet.rows):
        reason = sheet.reasons[index] if index < len(sheet.reasons) else None
        row = {key: _clean(v) for key, v in zip(keys, values, strict=True)}
        note = str(row.pop("note", "") or "")
        rows.append(
            {"suppressed": reason is not None, "reason": reason, "note": note, "values": row}
        )
    return ApiTable(
        name, spec.title, sheet.description, [c for c in columns if c["key"] != "note"], rows
    )


_CACHE: "OrderedDict[tuple[str, str], ApiTable]" = OrderedDict()
CACHE_SIZE = 24


def results_table(results: Results, name: str) -> ApiTable:
    """The table, built once per process and publication build (published results never change)."""
    key = (results.cache_key, name)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    table = build_table(results, name)
    _CACHE[key] = table
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return table
