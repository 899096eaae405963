"""Themes from comments: only for groups of at least 20 comments, examples already redacted."""

from typing import Any

import polars as pl

from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.common import ALL
from pulse.reports.results import Results

MAX_EXAMPLES = 3


def _question_text(results: Results, key: str) -> str:
    try:
        return results.wave.definition.question(key).text
    except KeyError:
        return key


def _theme(row: dict[str, Any], k: int) -> dict[str, Any]:
    examples = list(dict.fromkeys(row["examples"] or []))[:MAX_EXAMPLES]
    count = row["n_comments"]
    return {
        "heading": f"Theme {row['theme']}: " + ", ".join((row["top_terms"] or [])[:5]),
        "count": f"{count} comments" if count and count >= k else f"Fewer than {k} comments",
        "examples": examples,
    }


def comment_questions(results: Results) -> list[dict[str, Any]]:
    """For each free-text question: how many comments, and its themes or why there are none."""
    free_text = results.table("free_text").filter(pl.col("group_id") == ALL).to_dicts()
    themes = results.table("themes").filter(pl.col("group_id") == ALL)
    out = []
    for cell in free_text:
        key = cell["question_key"]
        own = themes.filter(pl.col("question_key") == key).sort("theme").to_dicts()
        shown = [t for t in own if not t["suppressed"]]
        if cell["suppressed"]:
            status = (
                fmt.hidden_text(cell["reason"], results.k)
                + ": comments are summarised only for groups of 20 or more."
            )
        elif not shown:
            reason = own[0]["reason"] if own else "too_little_text"
            status = fmt.hidden_text(reason, results.k) + "."
        else:
            status = f"{cell['n_comments']} comments, in {len(shown)} themes."
        out.append(
            {
                "question": _question_text(results, key),
                "status": status,
                "themes": [_theme(t, results.k) for t in shown],
            }
        )
    return out
