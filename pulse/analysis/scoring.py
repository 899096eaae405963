"""Respondent-level scoring on the 0..10 scale.

Definitions
-----------
Item score
    ``score = (answer - 1) * 2.5`` for answers 1..5 (0, 2.5, 5, 7.5, 10); reverse-scored items
    use ``10 - score``; 0 (don't know / not applicable) and null are not scored.
Item "positive"
    a scored answer whose 0..10 score is at least 7.5: *agree* or *strongly agree* (answer 4 or
    5) on an ordinary item, *disagree* or *strongly disagree* on a reverse-scored item (so
    "positive" always means favourable).
Applicable items
    an item applies to a respondent unless it is a layer item for a layer they do not work at.
Respondent construct score
    the mean of the respondent's item scores in the construct, defined only when they gave a
    scored answer to at least half of the construct's items that apply to them
    (``2 * scored >= applicable`` and ``scored >= 1``); otherwise null.
Overall involvement index
    for each respondent, the unweighted mean of their *valid* ``involvement_<layer>`` scores
    (one per layer they work at and answered enough of); null when they have none. Every
    layer counts once, however many items it has.
Respondent construct "positive"
    a respondent construct score of at least 7.5 (on average they agree). The construct
    "% positive" of a group is the share of respondents with a construct score who are
    positive, so it is a proportion of independent people (Wilson intervals and two-proportion
    z-tests apply).

Examples
--------
>>> import polars as pl
>>> from pulse.analysis.meta import InstrumentMeta, Item
>>> meta = InstrumentMeta(items=(Item("a", "a", "A", principle="P1"),
...                              Item("b", "b", "B", principle="P1", reverse=True)))
>>> frame = pl.DataFrame({"response_id": ["r1"], "a": [5], "b": [2]})
>>> respondent_scores(frame, meta)["P1"].to_list()   # (10 + (10 - 2.5)) / 2
[8.75]
"""

from __future__ import annotations

import polars as pl

from pulse.analysis.frame import validate_frame
from pulse.analysis.meta import INVOLVEMENT_INDEX, LAYERS, Construct, InstrumentMeta, Item

__all__ = [
    "POSITIVE_THRESHOLD",
    "construct_column",
    "item_column",
    "item_score_expr",
    "respondent_scores",
    "score_frame",
]

POSITIVE_THRESHOLD = 7.5


def item_column(key: str) -> str:
    """Name of the internal 0..10 score column of an item."""
    return f"item:{key}"


def construct_column(key: str) -> str:
    """Name of the internal respondent construct score column."""
    return f"construct:{key}"


def layer_column(layer: str) -> str:
    return f"at:{layer}"


def item_score_expr(item: Item) -> pl.Expr:
    """Polars expression for the 0..10 score of ``item`` (null when not scored)."""
    answer = pl.col(item.key)
    score = (answer.cast(pl.Float64) - 1.0) * 2.5
    if item.reverse:
        score = 10.0 - score
    return pl.when(answer.is_between(1, 5)).then(score).otherwise(None)


def _construct_expr(construct: Construct, meta: InstrumentMeta) -> pl.Expr:
    scores: list[pl.Expr] = []
    applies: list[pl.Expr] = []
    for key in construct.item_keys:
        item = meta.item(key)
        scores.append(pl.col(item_column(key)))
        if item.layer is None:
            applies.append(pl.lit(1, dtype=pl.Int32))
        else:
            applies.append(pl.col(layer_column(item.layer)).cast(pl.Int32))
    n_scored = pl.sum_horizontal([s.is_not_null().cast(pl.Int32) for s in scores])
    n_applicable = pl.sum_horizontal(applies)
    total = pl.sum_horizontal(scores)
    valid = (n_scored >= 1) & (2 * n_scored >= n_applicable)
    return pl.when(valid).then(total / n_scored).otherwise(None)


def score_frame(frame: pl.DataFrame, meta: InstrumentMeta) -> pl.DataFrame:
    """Add item scores, layer flags and construct scores to a *validated* frame.

    Internal columns: ``item:<key>`` (Float64 0..10 or null), ``at:<layer>`` (Boolean) and
    ``construct:<key>`` (Float64 0..10 or null). The result is microdata: never publish it.
    """
    layer_exprs: list[pl.Expr] = []
    if "layer" in frame.columns:
        layer_exprs = [
            pl.col("layer").list.contains(pl.lit(layer)).fill_null(False).alias(layer_column(layer))
            for layer in LAYERS
        ]
    item_exprs = [item_score_expr(i).alias(item_column(i.key)) for i in meta.items]
    scored = frame.with_columns([*layer_exprs, *item_exprs])
    constructs = meta.constructs
    plain = [c for c in constructs if c.kind != "index"]
    scored = scored.with_columns(
        [_construct_expr(c, meta).alias(construct_column(c.key)) for c in plain]
    )
    for c in constructs:
        if c.kind == "index":
            parts = [pl.col(construct_column(k)) for k in c.components]
            scored = scored.with_columns(
                pl.mean_horizontal(parts).alias(construct_column(INVOLVEMENT_INDEX))
            )
    return scored


def respondent_scores(frame: pl.DataFrame, meta: InstrumentMeta) -> pl.DataFrame:
    """Validate ``frame`` and return ``response_id`` plus one column per construct.

    This is respondent-level microdata for analysis inside the platform (for example a
    statistician's check); it must never be published or exported.
    """
    scored = score_frame(validate_frame(frame, meta), meta)
    keys = [c.key for c in meta.constructs]
    return scored.select(
        "response_id", *[pl.col(construct_column(k)).alias(k) for k in keys]
    )
