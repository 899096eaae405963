"""The tables of the Excel data pack and the CSV files, read from the stored publication.

One definition serves both formats, so they always hold the same tables. Rows describe groups,
never people; a hidden row has blank numbers and says why in its "Note" column. Columns that
count people end in "(n)".
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.breakdowns import short_option
from pulse.reports.presenters.labels import construct_name, dimension_name, layer_name
from pulse.reports.results import (
    BENCHMARK_SCORES,
    BENCHMARK_SUMMARY,
    CHANGE_BASELINE,
    CHANGE_PREVIOUS,
    Results,
)

DIGITS = {"score": 2, "pct": 1, "p": 4, "alpha": 3, "int": 0}
AGREEMENT = [("1", "Strongly disagree"), ("2", "Disagree"), ("3", "Neither agree nor disagree"), ("4", "Agree"), ("5", "Strongly agree"), ("0", "Don't know or not applicable")]  # fmt: skip


@dataclass(frozen=True)
class Column:
    header: str
    source: str | Callable[[dict[str, Any]], Any]
    kind: str = "text"  # text, int, score, pct, p, alpha


@dataclass(frozen=True)
class Sheet:
    name: str
    file: str
    description: str
    columns: list[Column]
    rows: list[list[Any]]
    #: Each row's reason code when it is hidden (None when shown), for the API.
    reasons: list[str | None] = field(default_factory=list)


def _breakdown(row: dict[str, Any]) -> str:
    if not row.get("dimension_1"):
        return "Whole system"
    name = dimension_name(row["dimension_1"])
    return (
        f"{name} by {dimension_name(row['dimension_2']).lower()}"
        if row.get("dimension_2")
        else name
    )


def _group(row: dict[str, Any]) -> str:
    if not row.get("dimension_1"):
        return "Everyone who answered"
    name = short_option(row["label_1"])
    return f"{name}, {short_option(row['label_2'])}" if row.get("dimension_2") else name


GROUP = [Column("Breakdown", _breakdown), Column("Group", _group)]


def _value(column: Column, row: dict[str, Any]) -> Any:
    value = column.source(row) if callable(column.source) else row.get(column.source)
    if column.kind == "text":
        return value
    if not fmt.is_number(value):
        return None
    return int(value) if column.kind == "int" else round(float(value), DIGITS[column.kind])


def build(
    name: str,
    file: str,
    description: str,
    columns: list[Column],
    rows: list[dict[str, Any]],
    k: int,
) -> Sheet:
    """A sheet with a Note column: hidden rows keep their labels, lose every number."""
    out, reasons = [], []
    for row in rows:
        hidden = bool(row.get("suppressed"))
        values = [None if hidden and c.kind != "text" else _value(c, row) for c in columns]
        out.append([*values, fmt.hidden_text(row.get("reason"), k) if hidden else ""])
        reasons.append((row.get("reason") or "below_k") if hidden else None)
    return Sheet(name, file, description, [*columns, Column("Note", "note")], out, reasons)


def _score_columns(n_header: str = "Responses (n)") -> list[Column]:
    return [
        Column(n_header, "n", "int"),
        Column("Score out of 10", "mean", "score"),
        Column("Score 95% CI low", "ci_low", "score"),
        Column("Score 95% CI high", "ci_high", "score"),
        Column("% positive", "pct_positive", "pct"),
        Column("% positive 95% CI low", "pct_positive_ci_low", "pct"),
        Column("% positive 95% CI high", "pct_positive_ci_high", "pct"),
    ]


def _layer(row: dict[str, Any]) -> str:
    return layer_name(row["layer"]) if row.get("layer") else ""


ITEM_COLUMNS = [
    *GROUP,
    Column("Question key", "question_key"),
    Column("Statement", "item_label"),
    Column("Level of the system", _layer),
    Column("Principle", "principle"),
    Column("Scale", "construct"),
    Column("Reverse-scored", lambda r: "Yes" if r.get("reverse") else "No"),
    *_score_columns("Scored answers (n)"),
    Column("Answers including don't know (n)", "n_answered", "int"),
    Column("% don't know or not applicable", "pct_dont_know", "pct"),
]


def construct_sheet(results: Results) -> Sheet:
    columns = [
        *GROUP,
        Column("Scale", lambda r: construct_name(r["construct"], r["construct_label"])),
        Column("Kind", "kind"),
        *_score_columns(),
    ]
    return build(
        "Construct scores",
        "construct_scores",
        "Scores for each principle, scale, level of the system and the overall involvement index, for every group.",
        columns,
        results.table("construct_scores").to_dicts(),
        results.k,
    )


def item_sheet(results: Results) -> Sheet:
    return build(
        "Item scores",
        "item_scores",
        "Scores for each statement, for every group.",
        ITEM_COLUMNS,
        results.table("item_scores").to_dicts(),
        results.k,
    )


def layer_sheet(results: Results) -> Sheet:
    return build(
        "Layer by item",
        "layer_items",
        "Scores for each involvement statement at each level of the system (layer x item), for every group.",
        ITEM_COLUMNS,
        results.layer_items.to_dicts(),
        results.k,
    )


def groups_sheet(results: Results) -> Sheet:
    return build(
        "Groups",
        "groups",
        "The number of responses in every group of the breakdown list.",
        [*GROUP, Column("Responses (n)", "n", "int")],
        results.table("groups").to_dicts(),
        results.k,
    )


def distribution_sheet(results: Results) -> Sheet:
    dist = results.table("distributions").filter(pl.col("question_type") == "agreement")
    labels = {
        r["item"]: r["item_label"]
        for r in results.table("item_scores").select("item", "item_label").unique("item").to_dicts()
    }
    index = [
        "group_id",
        "dimension_1",
        "label_1",
        "dimension_2",
        "label_2",
        "question_key",
        "item",
        "layer",
        "suppressed",
        "reason",
    ]
    wide = dist.pivot(
        on="answer", index=index, values="pct", aggregate_function="first", maintain_order=True
    )
    base = dist.group_by("group_id", "item", maintain_order=True).agg(pl.col("base_n").first())
    rows = wide.join(base, on=["group_id", "item"], how="left").to_dicts()
    columns = [
        *GROUP,
        Column("Question key", "question_key"),
        Column("Statement", lambda r: labels.get(r["item"], r["item"])),
        Column("Level of the system", _layer),
        Column("People who answered (n)", "base_n", "int"),
    ]
    columns += [Column(f"% {label.lower()}", code, "pct") for code, label in AGREEMENT]
    return build(
        "Answer distributions",
        "answer_distributions",
        "The percentage of people who gave each answer to each statement, for every group (percentages of those who answered, never counts).",
        columns,
        rows,
        results.k,
    )


def choice_sheet(results: Results) -> Sheet:
    dist = results.table("distributions").filter(pl.col("question_type") != "agreement")
    columns = [
        *GROUP,
        Column("Question key", "question_key"),
        Column("Question type", "question_type"),
        Column("Answer", "answer_label"),
        Column("People who answered (n)", "base_n", "int"),
        Column("% of those who answered", "pct", "pct"),
    ]
    return build(
        "Choice questions",
        "choice_questions",
        "Answers to single and multiple choice questions, such as your system's own (percentages, never counts).",
        columns,
        dist.to_dicts(),
        results.k,
    )


CHANGE_COLUMNS = [
    *GROUP,
    Column("Test family", "test_family"),
    Column("Kind", "kind"),
    Column("Key", "key"),
    Column("Earlier survey responses (n)", "n_before", "int"),
    Column("This survey responses (n)", "n_after", "int"),
    Column("Earlier score", "mean_before", "score"),
    Column("This survey score", "mean_after", "score"),
    Column("Change", "change", "score"),
    Column("Change 95% CI low", "change_ci_low", "score"),
    Column("Change 95% CI high", "change_ci_high", "score"),
    Column("p-value", "p_value", "p"),
    Column("Adjusted p-value", "p_adjusted", "p"),
    Column("Minimum detectable change", "mdc", "score"),
    Column("Result", "verdict"),
    Column("Earlier % positive", "pct_positive_before", "pct"),
    Column("This survey % positive", "pct_positive_after", "pct"),
    Column("Change in % positive (points)", "pct_change", "pct"),
    Column("Adjusted p-value (% positive)", "p_adjusted_pct", "p"),
    Column("Result (% positive)", "verdict_pct_positive"),
]


def change_sheet(results: Results, which: str) -> Sheet:
    pub = results.publication
    earlier = pub.previous_wave if which == CHANGE_PREVIOUS else pub.baseline_wave
    table = results.optional(which)
    title = "Change since previous" if which == CHANGE_PREVIOUS else "Change since baseline"
    what = (
        f"Change since {earlier.title}"
        if earlier
        else "No earlier published survey to compare with"
    )
    if which == CHANGE_BASELINE and earlier is not None and table is None:
        what = f"The baseline, {earlier.title}, is also the previous survey: see the sheet Change since previous"
    rows = table.to_dicts() if table is not None else []
    return build(
        title,
        which,
        f"{what}: every common scale and statement, for every group published in both surveys.",
        CHANGE_COLUMNS,
        rows,
        results.k,
    )


def benchmark_sheet(results: Results) -> Sheet:
    """Your system against England (other systems are not listed in files)."""
    summary, scores = results.optional(BENCHMARK_SUMMARY), results.optional(BENCHMARK_SCORES)
    rows: list[dict[str, Any]] = []
    if summary is not None and scores is not None:
        own = scores.filter(pl.col("ics_code") == results.wave.ics.ods_code).select(
            "kind",
            "key",
            "n",
            "mean",
            "pct_positive",
            "quartile_band",
            "funnel_flag",
            "pct_funnel_flag",
            pl.col("suppressed").alias("own_suppressed"),
            pl.col("reason").alias("own_reason"),
        )
        joined = summary.join(own, on=["kind", "key"], how="left")
        rows = joined.with_columns(
            (pl.col("suppressed") | pl.col("own_suppressed").fill_null(True)).alias("suppressed"),
            pl.coalesce("reason", "own_reason").alias("reason"),
        ).to_dicts()
    columns = [
        Column("Kind", "kind"),
        Column("Key", "key"),
        Column("Your system's responses (n)", "n", "int"),
        Column("Your score", "mean", "score"),
        Column("Your % positive", "pct_positive", "pct"),
        Column("Systems compared", "n_icss", "int"),
        Column("England score", "england_mean", "score"),
        Column("England % positive", "england_pct_positive", "pct"),
        Column("Lower quartile", "q1", "score"),
        Column("Median", "median", "score"),
        Column("Upper quartile", "q3", "score"),
        Column("Quartile band (1 lowest, 4 highest)", "quartile_band", "int"),
        Column("Funnel plot: score", "funnel_flag"),
        Column("Funnel plot: % positive", "pct_funnel_flag"),
    ]
    what = (
        "Your system compared with England"
        if rows
        else "No comparison with England: fewer than 5 systems had comparable published results"
    )
    return build("Benchmark", "benchmark", f"{what}.", columns, rows, results.k)


def reliability_sheet(results: Results) -> Sheet:
    columns = [
        Column("Scale", lambda r: construct_name(r["construct"])),
        Column("Complete answers (n)", "n", "int"),
        Column("Statements", "n_items", "int"),
        Column("Cronbach's alpha", "alpha", "alpha"),
        Column("Alpha 95% CI low", "ci_low", "alpha"),
        Column("Alpha 95% CI high", "ci_high", "alpha"),
        Column("Below 0.7", lambda r: "Yes" if r.get("below_0_7") else "No"),
    ]
    rows = [
        {**r, "suppressed": r["alpha"] is None} for r in results.table("reliability").to_dicts()
    ]
    return build(
        "Reliability",
        "reliability",
        "Cronbach's alpha of each scale for the whole system; scales below 0.7 should be read with care.",
        columns,
        rows,
        results.k,
    )


def sheets(results: Results) -> list[Sheet]:
    """Every table of the data pack, in order (the notes sheet is added by each format)."""
    return [
        groups_sheet(results),
        construct_sheet(results),
        item_sheet(results),
        layer_sheet(results),
        distribution_sheet(results),
        choice_sheet(results),
        change_sheet(results, CHANGE_PREVIOUS),
        change_sheet(results, CHANGE_BASELINE),
        benchmark_sheet(results),
        reliability_sheet(results),
    ]
