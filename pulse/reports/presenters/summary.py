"""The executive summary, written from the results in plain English: the biggest strengths,
the biggest gaps, what changed significantly and what did not, and how the system compares."""

from typing import Any

import polars as pl

from pulse.analysis import BenchmarkReport
from pulse.core.formatting import nhs_date
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.benchmark import FLAGS, QUARTERS
from pulse.reports.presenters.change import change_summary
from pulse.reports.presenters.common import ALL, constructs, overall_n, shown
from pulse.reports.presenters.labels import LAYER_PHRASES, PRINCIPLES, item_short
from pulse.reports.presenters.overview import principle_phrase
from pulse.reports.presenters.reliability import reliability_notes
from pulse.reports.results import CHANGE_BASELINE, CHANGE_PREVIOUS, Results

TOP = 3


def _statement(row: dict[str, Any]) -> str:
    name = f"“{item_short(row['question_key'], row['item_label'])}”"
    if row["layer"]:
        name += f" {LAYER_PHRASES.get(row['layer'], row['layer'])}"
    return f"{name}: {fmt.score_text(row['mean'])}, {fmt.percent(row['pct_positive'])} positive"


def _ranked(results: Results) -> list[dict[str, Any]]:
    items = results.table("item_scores").filter(pl.col("group_id") == ALL, ~pl.col("suppressed"))
    return items.sort("mean", descending=True).to_dicts()


def _extremes(results: Results, prefix: str) -> list[tuple[str, float]]:
    scored = []
    for key, row in constructs(results).items():
        if key.startswith(prefix) and shown(row) and key != "involvement_index":
            scored.append((key, float(row["mean"])))
    return sorted(scored, key=lambda pair: pair[1], reverse=True)


def strengths_and_gaps(results: Results) -> tuple[list[str], list[str]]:
    principles = [p for p in _extremes(results, "P") if p[0] in PRINCIPLES]
    layers = _extremes(results, "involvement_")
    items = _ranked(results)
    strengths, gaps = [], []
    if len(principles) >= 2:
        (high, hv), (low, lv) = principles[0], principles[-1]
        strengths.append(
            f"The highest-scoring principle is {principle_phrase(high)}: {fmt.score_text(hv)}."
        )
        gaps.append(
            f"The lowest-scoring principle is {principle_phrase(low)}: {fmt.score_text(lv)}."
        )
    if len(layers) >= 2:
        (high, hv), (low, lv) = layers[0], layers[-1]
        strengths.append(
            f"Leaders feel most involved {LAYER_PHRASES.get(high[12:], high)}: {fmt.score_text(hv)}."
        )
        gaps.append(
            f"Leaders feel least involved {LAYER_PHRASES.get(low[12:], low)}: {fmt.score_text(lv)}."
        )
    if len(items) >= 2 * TOP:
        strengths.append(
            "The highest-scoring statements are "
            + "; ".join(_statement(r) for r in items[:TOP])
            + "."
        )
        gaps.append(
            "The lowest-scoring statements are "
            + "; ".join(_statement(r) for r in items[-TOP:][::-1])
            + "."
        )
    return strengths, gaps


def _statement_changes(table: pl.DataFrame) -> str:
    items = table.filter(pl.col("group_id") == ALL, pl.col("kind") == "item", ~pl.col("suppressed"))
    counts = {v: items.filter(pl.col("verdict") == v).height for v in ("improved", "declined")}
    return (
        f"Of the {items.height} statements compared, {counts['improved']} improved and "
        f"{counts['declined']} declined significantly; the others did not change significantly."
    )


def changes(results: Results) -> list[str]:
    pub, out = results.publication, []
    for name, earlier in (
        (CHANGE_BASELINE, pub.baseline_wave),
        (CHANGE_PREVIOUS, pub.previous_wave),
    ):
        table = results.optional(name)
        if table is None or earlier is None:
            continue
        rows = table.filter(pl.col("group_id") == ALL, pl.col("kind") == "construct").to_dicts()
        out += [change_summary(rows, earlier), _statement_changes(table)]
    if not out:
        out.append(
            "This is the first published survey of its kind for your system: it is the baseline that later surveys will be compared with."
        )
    return out


def benchmark_sentence(results: Results, report: BenchmarkReport | None) -> str:
    if report is None:
        return f"A comparison with England is not available yet: it needs comparable results from at least 5 systems ({results.publication.benchmark_icss} so far)."
    own = report.scores.filter(
        pl.col("key") == "involvement_index", pl.col("ics_code") == results.wave.ics.ods_code
    ).to_dicts()
    if not own or own[0]["suppressed"]:
        return "Your overall involvement index cannot be compared with England."
    row = own[0]
    band = QUARTERS.get(row["quartile_band"], "").lower()
    flag = FLAGS.get(row["funnel_flag"], "").lower()
    return (
        f"Compared with {results.publication.benchmark_icss} systems in England, your overall "
        f"involvement index ({fmt.score_text(row['mean'])}) is in the {band}, and {flag}."
    )


def executive_summary(results: Results, report: BenchmarkReport | None) -> dict[str, Any]:
    wave, n = results.wave, overall_n(results)
    index = constructs(results).get("involvement_index")
    if n is None:
        intro = f"Fewer than {results.k} leaders answered, so no results can be shown."
    else:
        intro = f"{fmt.count(n)} leaders answered {wave.title} between {nhs_date(wave.opens_on)} and {nhs_date(wave.closes_on)}."
        if shown(index):
            assert index is not None
            intro += f" Their overall involvement index is {fmt.score_text(index['mean'])}, and {fmt.percent(index['pct_positive'])} of them feel involved on average."
    strengths, gaps = strengths_and_gaps(results)
    return {
        "intro": intro,
        "strengths": strengths,
        "gaps": gaps,
        "changes": changes(results),
        "benchmark": benchmark_sentence(results, report),
        "cautions": reliability_notes(results),
    }
