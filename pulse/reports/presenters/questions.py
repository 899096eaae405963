"""Answers to each question: diverging stacked bars of the agreement scale, and choice tables."""

from typing import Any

import polars as pl

from pulse.analysis.meta import LAYERS
from pulse.reports.charts import Chart, chart
from pulse.reports.charts.theme import AGREEMENT_TEXT
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.common import ALL, highest_and_lowest
from pulse.reports.presenters.labels import PRINCIPLES, construct_name, item_short, layer_name
from pulse.reports.results import Results

SCALE = ["1", "2", "3", "4", "5"]
DONT_KNOW = "0"
MIN_LABEL_PCT = 8


def _section_of(item: dict[str, Any]) -> str:
    if item["layer"]:
        return f"layer:{item['layer']}"
    return str(item["construct"] or item["principle"] or "other")


def _section_order(keys: set[str]) -> list[str]:
    fixed = [*PRINCIPLES, "culture", *(f"layer:{layer}" for layer in LAYERS)]
    return [k for k in fixed if k in keys] + sorted(keys - set(fixed))


def _section_title(key: str) -> str:
    if key.startswith("layer:"):
        return f"Involvement: {layer_name(key[6:]).lower()}"
    if key == "other":
        return "Other statements"
    return construct_name(key)


def _segments(label: str, pcts: dict[str, float], labels: dict[str, str]) -> list[dict[str, Any]]:
    left = -(pcts.get("1", 0) + pcts.get("2", 0) + pcts.get("3", 0) / 2)
    out = []
    for code in SCALE:
        width = pcts.get(code, 0.0)
        start, end = left, left + width
        left = end
        if width <= 0:
            continue
        out.append(
            {
                "label": label,
                "answer": code,
                "answer_label": labels[code],
                "start": round(start, 2),
                "end": round(end, 2),
                "middle": round((start + end) / 2, 2),
                "text": f"{round(width)}%" if width >= MIN_LABEL_PCT else "",
                "text_colour": AGREEMENT_TEXT[code],
            }
        )
    return out


def _distribution_chart(results: Results, key: str, items: list[dict[str, Any]]) -> Chart:
    dist = results.table("distributions").filter(
        pl.col("group_id") == ALL, pl.col("item").is_in([i["item"] for i in items])
    )
    by_item: dict[str, dict[str, dict[str, Any]]] = {}
    for row in dist.iter_rows(named=True):
        by_item.setdefault(row["item"], {})[row["answer"]] = row
    labels = {r["answer"]: r["answer_label"] for r in dist.iter_rows(named=True)}
    codes = [c for c in [*SCALE, DONT_KNOW] if c in labels]
    segments, order, table_rows, scored = [], [], [], []
    for item in items:
        name = item_short(item["question_key"], item["item_label"])
        answers = by_item.get(item["item"], {})
        first = next(iter(answers.values()), None)
        if first is None or first["suppressed"]:
            reason = first["reason"] if first else None
            table_rows.append(
                [{"text": item["item_label"]}, fmt.hidden_cell(reason, results.k, len(codes) + 1)]
            )
            continue
        pcts = {c: float(r["pct"]) for c, r in answers.items() if r["pct"] is not None}
        order.append(name)
        segments += _segments(name, pcts, labels)
        if item["pct_positive"] is not None:
            scored.append((name, float(item["pct_positive"])))
        table_rows.append(
            [
                {"text": item["item_label"]},
                *(fmt.cell(fmt.percent(pcts.get(c, 0.0))) for c in codes),
                fmt.cell(fmt.count(first["base_n"])),
            ]
        )
    title = _section_title(key)
    return chart(
        f"chart-answers-{key.replace(':', '-')}",
        caption=f"Answers to the statements of {title[0].lower()}{title[1:]}",
        summary=_summary(scored),
        kind="diverging" if segments else None,
        arguments={
            "rows": segments,
            "order": order,
            "answers": [(c, labels[c]) for c in SCALE if c in labels],
        },
        head=[
            {"text": "Statement"},
            *({"text": labels[c], "format": "numeric"} for c in codes),
            {"text": "People who answered", "format": "numeric"},
        ],
        rows=table_rows,
    )


def _summary(scored: list[tuple[str, float]]) -> str:
    extremes = highest_and_lowest(scored)
    if extremes is None:
        return "Too few statements can be shown to compare them."
    (high, high_value), (low, low_value) = extremes
    return (
        f"Agreement is highest for “{high}” ({fmt.percent(high_value)} positive) and lowest "
        f"for “{low}” ({fmt.percent(low_value)} positive)."
    )


def answer_sections(results: Results) -> list[dict[str, Any]]:
    items = results.table("item_scores").filter(pl.col("group_id") == ALL).to_dicts()
    grouped: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        grouped.setdefault(_section_of(item), []).append(item)
    return [
        {
            "id": f"answers-{key.replace(':', '-')}",
            "heading": _section_title(key),
            "chart": _distribution_chart(results, key, grouped[key]),
        }
        for key in _section_order(set(grouped))
    ]


def _question_text(results: Results, key: str) -> str:
    try:
        return results.wave.definition.question(key).text
    except (KeyError, ValueError):
        return key


def choice_tables(results: Results) -> list[dict[str, Any]]:
    """Single and multiple choice questions (such as an ICS's own): percentages, never counts."""
    dist = results.table("distributions").filter(
        pl.col("group_id") == ALL, pl.col("question_type") != "agreement"
    )
    tables = []
    for (key,), part in dist.group_by("question_key", maintain_order=True):
        rows = part.to_dicts()
        hidden = rows[0]["suppressed"]
        tables.append(
            {
                "id": f"choice-{key}",
                "question": _question_text(results, str(key)),
                "base": fmt.count(rows[0]["base_n"]) if not hidden else "",
                "rows": [
                    [
                        {"text": r["answer_label"]},
                        fmt.hidden_cell(r["reason"], results.k)
                        if hidden
                        else fmt.cell(fmt.percent(r["pct"])),
                    ]
                    for r in rows
                ],
            }
        )
    return tables
