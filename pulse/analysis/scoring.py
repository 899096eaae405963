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

import numpy as np
import numpy.typing as npt
import polars as pl

from pulse.analysis.frame import mask_column, prepare_frame
from pulse.analysis.meta import LAYERS, InstrumentMeta, Item

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


def _layer_matrix(frame: pl.DataFrame, meta: InstrumentMeta) -> npt.NDArray[np.bool_]:
    """Respondents x LAYERS: works at that layer."""
    out = np.zeros((frame.height, len(LAYERS)), dtype=bool)
    dim = meta.dimension("layer")
    if dim is None or mask_column("layer") not in frame.columns or frame.height == 0:
        return out
    mask = frame.get_column(mask_column("layer")).to_numpy()
    for i, code in enumerate(dim.codes):
        if code in LAYERS:
            out[:, LAYERS.index(code)] = (mask >> i) & 1
    return out


def _answers(frame: pl.DataFrame, meta: InstrumentMeta) -> npt.NDArray[np.int8]:
    """Respondents x items matrix (column-major) of answer codes, -1 where null."""
    keys = [i.key for i in meta.items]
    if not keys or frame.height == 0:
        return np.zeros((frame.height, len(keys)), dtype=np.int8, order="F")
    answers = frame.select(pl.col(keys).cast(pl.Int8).fill_null(-1)).to_numpy()
    shaped = np.asarray(answers, dtype=np.int8).reshape(frame.height, len(keys))
    return np.asfortranarray(shaped)


def _item_units(
    answers: npt.NDArray[np.int8], meta: InstrumentMeta
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    """Per item (column-major): score in units of 2.5 (0 if not scored) and whether scored."""
    scored = answers >= 1
    units = np.asfortranarray(np.where(scored, answers - 1, 0).astype(np.int8))
    reverse = [j for j, i in enumerate(meta.items) if i.reverse]
    if reverse:
        units[:, reverse] = np.where(scored[:, reverse], 4 - units[:, reverse], 0)
    return units, np.asfortranarray(scored)


def _construct_scores(
    answers: npt.NDArray[np.int8], at: npt.NDArray[np.bool_], meta: InstrumentMeta
) -> dict[str, npt.NDArray[np.float64]]:
    """Respondent construct scores with the half rule (see module notes), NaN if none."""
    n = answers.shape[0]
    position = {i.key: j for j, i in enumerate(meta.items)}
    units, scored = _item_units(answers, meta)
    at16 = np.asfortranarray(at, dtype=np.int16)
    out: dict[str, npt.NDArray[np.float64]] = {}
    for c in meta.constructs:
        if c.kind == "index":
            continue
        total = np.zeros(n, dtype=np.int16)
        count = np.zeros(n, dtype=np.int16)
        plain = 0
        layered: list[int] = []
        for key in c.item_keys:
            j = position[key]
            total += units[:, j]
            count += scored[:, j]
            layer = meta.item(key).layer
            if layer is None:
                plain += 1
            else:
                layered.append(LAYERS.index(layer))
        applicable: npt.NDArray[np.int16] | int = plain
        if layered:
            applicable = at16[:, layered].sum(axis=1, dtype=np.int16) + plain
        valid = (count >= 1) & (2 * count >= applicable)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[c.key] = np.where(valid, 2.5 * total / count, np.nan)
    for c in meta.constructs:
        if c.kind == "index":
            parts = np.column_stack([out[k] for k in c.components])
            present = ~np.isnan(parts)
            with np.errstate(divide="ignore", invalid="ignore"):
                mean = np.where(present, parts, 0.0).sum(axis=1) / present.sum(axis=1)
            out[c.key] = np.where(present.any(axis=1), mean, np.nan)
    return out


def _item_score_columns(answers: npt.NDArray[np.int8], meta: InstrumentMeta) -> list[pl.Series]:
    units, scored = _item_units(answers, meta)
    return [
        pl.Series(
            item_column(i.key), np.where(scored[:, j], 2.5 * units[:, j], np.nan), nan_to_null=True
        )
        for j, i in enumerate(meta.items)
    ]


def score_frame(frame: pl.DataFrame, meta: InstrumentMeta, *, items: bool = True) -> pl.DataFrame:
    """Add item scores, layer flags and construct scores to a frame from
    :func:`~pulse.analysis.frame.prepare_frame`.

    Internal columns: ``item:<key>`` (Float64 0..10 or null; only if ``items``),
    ``at:<layer>`` (Boolean) and ``construct:<key>`` (Float64 0..10 or null). The result is
    microdata: never publish it.
    """
    at = _layer_matrix(frame, meta)
    answers = _answers(frame, meta)
    constructs = _construct_scores(answers, at, meta)
    columns = [pl.Series(layer_column(layer), at[:, j]) for j, layer in enumerate(LAYERS)]
    if items:
        columns += _item_score_columns(answers, meta)
    columns += [
        pl.Series(construct_column(key), values, nan_to_null=True)
        for key, values in constructs.items()
    ]
    return frame.hstack(columns)


def respondent_scores(frame: pl.DataFrame, meta: InstrumentMeta) -> pl.DataFrame:
    """Validate ``frame`` and return ``response_id`` plus one column per construct.

    This is respondent-level microdata for analysis inside the platform (for example a
    statistician's check); it must never be published or exported.
    """
    scored = score_frame(prepare_frame(frame, meta), meta)
    keys = [c.key for c in meta.constructs]
    return scored.select("response_id", *[pl.col(construct_column(k)).alias(k) for k in keys])
