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

from pulse.analysis.frame import mask_column, prepare_frame
from pulse.analysis.meta import Construct, InstrumentMeta, Item

__all__ = [
    "POSITIVE_THRESHOLD",
    "construct_column",
    "construct_exprs",
    "item_column",
    "item_score_expr",
    "respondent_scores",
    "score_frame",
    "score_lazy",
]

POSITIVE_THRESHOLD = 7.5


def item_column(key: str) -> str:
    """Name of the internal 0..10 score column of an item."""
    return f"item:{key}"


def construct_column(key: str) -> str:
    """Name of the internal respondent construct score column."""
    return f"construct:{key}"


def item_score_expr(item: Item) -> pl.Expr:
    """Polars expression for the 0..10 score of ``item`` (null when not scored)."""
    answer = pl.col(item.key)
    score = (answer.cast(pl.Float64) - 1.0) * 2.5
    if item.reverse:
        score = 10.0 - score
    return pl.when(answer.is_between(1, 5)).then(score).otherwise(None)


def _works_at(meta: InstrumentMeta, layer: str) -> pl.Expr:
    """1 if the respondent works at ``layer`` (from the ``mask:layer`` bitmask), else 0."""
    dim = meta.dimension("layer")
    if dim is None or layer not in dim.codes:
        return pl.lit(0, dtype=pl.Int16)
    bit = 1 << dim.codes.index(layer)
    return ((pl.col(mask_column("layer")) & bit) > 0).cast(pl.Int16)


def _construct_expr(construct: Construct, meta: InstrumentMeta) -> pl.Expr:
    """Respondent construct score with the half rule (see module notes), null if none."""
    units: list[pl.Expr] = []
    scored: list[pl.Expr] = []
    plain = 0
    layered: list[pl.Expr] = []
    for key in construct.item_keys:
        item = meta.item(key)
        answer = pl.col(key)
        unit = (5 - answer) if item.reverse else (answer - 1)
        units.append(pl.when(answer >= 1).then(unit).otherwise(0).cast(pl.Int16))
        scored.append((answer >= 1).fill_null(False).cast(pl.Int16))
        if item.layer is None:
            plain += 1
        else:
            layered.append(_works_at(meta, item.layer))
    total = pl.sum_horizontal(units)
    count = pl.sum_horizontal(scored)
    applicable = pl.sum_horizontal(layered) + plain if layered else pl.lit(plain, dtype=pl.Int16)
    valid = (count >= 1) & (2 * count >= applicable)
    return pl.when(valid).then(total.cast(pl.Float64) * 2.5 / count).otherwise(None)


def construct_exprs(meta: InstrumentMeta) -> list[list[pl.Expr]]:
    """Two stages of expressions adding every ``construct:<key>`` column."""
    constructs = meta.constructs
    first = [
        _construct_expr(c, meta).alias(construct_column(c.key))
        for c in constructs
        if c.kind != "index"
    ]
    second = [
        pl.mean_horizontal([pl.col(construct_column(k)) for k in c.components]).alias(
            construct_column(c.key)
        )
        for c in constructs
        if c.kind == "index"
    ]
    return [first, second]


def score_lazy(
    frame: pl.DataFrame | pl.LazyFrame, meta: InstrumentMeta, *, items: bool = True
) -> pl.LazyFrame:
    """Lazily add construct scores (and item scores if ``items``) to a prepared frame.

    Internal columns: ``item:<key>`` (Float64 0..10 or null) and ``construct:<key>``
    (Float64 0..10 or null). The result is microdata: never publish it.
    """
    lazy = frame.lazy()
    if items and meta.items:
        lazy = lazy.with_columns(item_score_expr(i).alias(item_column(i.key)) for i in meta.items)
    for stage in construct_exprs(meta):
        if stage:
            lazy = lazy.with_columns(stage)
    return lazy


def score_frame(frame: pl.DataFrame, meta: InstrumentMeta, *, items: bool = True) -> pl.DataFrame:
    """Eager :func:`score_lazy` of a frame from :func:`~pulse.analysis.frame.prepare_frame`."""
    return score_lazy(frame, meta, items=items).collect()


def respondent_scores(frame: pl.DataFrame, meta: InstrumentMeta) -> pl.DataFrame:
    """Validate ``frame`` and return ``response_id`` plus one column per construct.

    This is respondent-level microdata for analysis inside the platform (for example a
    statistician's check); it must never be published or exported.
    """
    scored = score_frame(prepare_frame(frame, meta), meta)
    keys = [c.key for c in meta.constructs]
    return scored.select("response_id", *[pl.col(construct_column(k)).alias(k) for k in keys])
