"""Validation of the tidy response frame against :class:`~pulse.analysis.meta.InstrumentMeta`.

Input contract (one row per response)
-------------------------------------
``response_id``
    Utf8, unique, never null.
``ics_code``
    Utf8, optional (present for national, multi-ICS frames).
``wave_id``
    Utf8, optional. A frame may hold several waves only if each ICS has exactly one.
dimension columns
    Utf8 option code or null; multi-valued dimensions (``layer``) are ``List(Utf8)``.
agreement items
    any integer dtype, values 1..5, 0 = don't know / not applicable, null = not asked or not
    answered. Layer-grid answers are columns ``<question_key>__<layer>``.
choice questions
    Utf8 code (single) or ``List(Utf8)`` (multiple).
free text
    Utf8.
numbers
    any integer dtype.

Any other column is an error ("unknown question key"), as are floats (and NaN), codes outside
the options, and answers to a layer item from someone who does not work at that layer.

Examples
--------
>>> import polars as pl
>>> from pulse.analysis.meta import InstrumentMeta, Item
>>> meta = InstrumentMeta(items=(Item("q1", "q1", "Question 1", principle="P1"),))
>>> validate_frame(pl.DataFrame({"response_id": ["a"], "q1": [4]}), meta)["q1"].dtype
Int8
"""

from __future__ import annotations

import polars as pl

from pulse.analysis.meta import ICS_DIMENSION, Dimension, InstrumentMeta, Option

__all__ = ["ics_dimension", "mask_column", "multi_mask_expr", "prepare_frame", "validate_frame"]

_UNKNOWN_BIT = 1 << 62

_INTEGER = (pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)


def _is_integer(dtype: pl.DataType) -> bool:
    return any(dtype == t for t in _INTEGER)


def _is_list_of_str(dtype: pl.DataType) -> bool:
    return isinstance(dtype, pl.List) and dtype.inner == pl.String


def _require_integer(frame: pl.DataFrame, col: str, what: str) -> None:
    dtype = frame.schema[col]
    if dtype == pl.Null:
        return
    if dtype.is_float():
        nan = frame.select(pl.col(col).is_nan().any()).item()
        extra = " and contains NaN" if nan else ""
        raise ValueError(f"column {col!r} ({what}) must be integers, got {dtype}{extra}")
    if not _is_integer(dtype):
        raise ValueError(f"column {col!r} ({what}) must be integers, got {dtype}")


def mask_column(dim_key: str) -> str:
    """Internal column holding a multi-valued dimension as a bitmask over its options."""
    return f"mask:{dim_key}"


def multi_mask_expr(key: str, codes: tuple[str, ...]) -> pl.Expr:
    """Bitmask (bit i = option i chosen) of a List(Utf8) column; unknown codes set bit 62."""
    bits = {code: 1 << i for i, code in enumerate(codes)}
    element = pl.element().replace_strict(bits, default=_UNKNOWN_BIT, return_dtype=pl.Int64)
    return (
        pl.col(key)
        .list.eval(element.bitwise_or())
        .list.first()
        .fill_null(0)
        .alias(mask_column(key))
    )


def _check_codes(frame: pl.DataFrame, col: str, allowed: tuple[str, ...], listy: bool) -> None:
    dtype = frame.schema[col]
    if dtype == pl.Null:
        return
    if listy:
        if not _is_list_of_str(dtype):
            raise ValueError(f"column {col!r} must be List(Utf8), got {dtype}")
        if mask_column(col) in frame.columns:
            masks = frame.get_column(mask_column(col))
            if not (masks >= _UNKNOWN_BIT).any():
                return
        values = frame.select(pl.col(col).explode().drop_nulls().unique()).to_series()
    else:
        if dtype != pl.String:
            raise ValueError(f"column {col!r} must be Utf8 codes, got {dtype}")
        values = frame.select(pl.col(col).drop_nulls().unique()).to_series()
    bad = sorted(set(values.to_list()) - set(allowed))
    if bad:
        raise ValueError(f"column {col!r} has codes not among its options: {bad[:10]}")


def ics_dimension(frame: pl.DataFrame) -> Dimension:
    """The implicit ``ics_code`` breakdown dimension of a multi-ICS frame."""
    if ICS_DIMENSION not in frame.columns:
        raise ValueError("breakdown by 'ics_code' needs an 'ics_code' column")
    codes = sorted(frame.get_column(ICS_DIMENSION).drop_nulls().unique().to_list())
    if not codes:
        raise ValueError("column 'ics_code' has no values")
    return Dimension(ICS_DIMENSION, "Integrated care system", tuple(Option(c, c) for c in codes))


def _check_ids(frame: pl.DataFrame) -> None:
    if "response_id" not in frame.columns:
        raise ValueError("the response frame needs a 'response_id' column")
    if frame.schema["response_id"] not in (pl.String, pl.Null):
        raise ValueError("column 'response_id' must be Utf8")
    ids = frame.get_column("response_id")
    if ids.null_count():
        raise ValueError("column 'response_id' has nulls")
    if ids.hash().n_unique() != frame.height and ids.n_unique() != frame.height:
        raise ValueError("column 'response_id' has duplicate values")
    for col in ("ics_code", "wave_id"):
        if col in frame.columns and frame.schema[col] not in (pl.String, pl.Null):
            raise ValueError(f"column {col!r} must be Utf8")
    if "wave_id" in frame.columns and "ics_code" in frame.columns:
        per_ics = frame.group_by("ics_code").agg(pl.col("wave_id").n_unique().alias("w"))
        if per_ics.filter(pl.col("w") > 1).height:
            raise ValueError("an ICS has more than one wave in this frame: pass one wave each")
    elif "wave_id" in frame.columns and frame.get_column("wave_id").n_unique() > 1:
        raise ValueError("the frame holds several waves: pass one wave at a time")


def _check_items(frame: pl.DataFrame, meta: InstrumentMeta) -> list[pl.Expr]:
    keys = [i.key for i in meta.items]
    for key in keys:
        _require_integer(frame, key, "agreement answers")
    if not keys:
        return []
    bounds = frame.select(
        *[pl.col(k).min().cast(pl.Int64).alias(f"min:{k}") for k in keys],
        *[pl.col(k).max().cast(pl.Int64).alias(f"max:{k}") for k in keys],
    ).row(0, named=True)
    for key in keys:
        low, high = bounds[f"min:{key}"], bounds[f"max:{key}"]
        if (low is not None and low < 0) or (high is not None and high > 5):
            bad = frame.select(pl.col(key).filter(~pl.col(key).is_between(0, 5)).unique())
            values = sorted(bad.to_series().to_list())[:10]
            raise ValueError(f"column {key!r} has codes outside 0..5: {values}")
    layer_items = [i for i in meta.items if i.layer is not None]
    layer_dim = meta.dimension("layer")
    if layer_items and layer_dim is not None and mask_column("layer") in frame.columns:
        mask = pl.col(mask_column("layer"))
        wrong = frame.select(
            (
                pl.col(i.key).is_not_null()
                & ((mask & (1 << layer_dim.codes.index(str(i.layer)))) == 0)
            )
            .sum()
            .alias(i.key)
            for i in layer_items
        ).row(0, named=True)
        for item in layer_items:
            if wrong[item.key]:
                raise ValueError(
                    f"column {item.key!r}: {wrong[item.key]} answer(s) from respondents who do "
                    f"not work at layer {item.layer!r}"
                )
    return [pl.col(k).cast(pl.Int8) for k in keys]


def _with_masks(frame: pl.DataFrame, meta: InstrumentMeta) -> pl.DataFrame:
    """Add the ``mask:<dim>`` bitmask of every multi-valued dimension."""
    nulls = [d.key for d in meta.dimensions if d.multi_valued and frame.schema[d.key] == pl.Null]
    if nulls:
        frame = frame.with_columns(pl.col(nulls).cast(pl.List(pl.String)))
    multi = [d for d in meta.dimensions if d.multi_valued and _is_list_of_str(frame.schema[d.key])]
    if multi:
        frame = frame.with_columns(multi_mask_expr(d.key, d.codes) for d in multi)
    return frame


def validate_frame(frame: pl.DataFrame, meta: InstrumentMeta) -> pl.DataFrame:
    """Check ``frame`` against ``meta`` and return it with agreement columns cast to Int8.

    Raises
    ------
    ValueError
        Naming the column and the problem: missing or unknown columns, wrong dtypes, NaN,
        out-of-range codes, duplicate or null response ids.
    """
    prepared = prepare_frame(frame, meta)
    return prepared.drop([c for c in prepared.columns if c.startswith("mask:")])


def prepare_frame(frame: pl.DataFrame, meta: InstrumentMeta) -> pl.DataFrame:
    """:func:`validate_frame` plus internal ``mask:<dim>`` bitmask columns for multi-valued
    dimensions (used by scoring and grouping; never published).

    Raises
    ------
    ValueError
        Naming the column and the problem: missing or unknown columns, wrong dtypes, NaN,
        out-of-range codes, duplicate or null response ids.
    """
    if not isinstance(frame, pl.DataFrame):
        raise ValueError(f"expected a polars DataFrame, got {type(frame).__name__}")
    _check_ids(frame)
    expected = {
        *(i.key for i in meta.items),
        *(d.key for d in meta.dimensions),
        *(c.key for c in meta.choices),
        *(f.key for f in meta.free_text),
        *(n.key for n in meta.numbers),
    }
    unknown = sorted(set(frame.columns) - expected - {"response_id", "ics_code", "wave_id"})
    if unknown:
        raise ValueError(f"unknown question key(s) in the response frame: {unknown}")
    missing = sorted(expected - set(frame.columns))
    if missing:
        raise ValueError(f"the response frame lacks column(s): {missing}")
    if any(i.layer is not None for i in meta.items) and "layer" not in frame.columns:
        raise ValueError("layer items need the 'layer' column")
    frame = _with_masks(frame, meta)
    for dim in meta.dimensions:
        _check_codes(frame, dim.key, dim.codes, dim.multi_valued)
    for choice in meta.choices:
        _check_codes(frame, choice.key, tuple(o.code for o in choice.options), choice.multiple)
    for text in meta.free_text:
        if frame.schema[text.key] not in (pl.String, pl.Null):
            raise ValueError(f"column {text.key!r} (free text) must be Utf8")
    for number in meta.numbers:
        _require_integer(frame, number.key, "numbers")
    casts = _check_items(frame, meta)
    casts += [pl.col(n.key).cast(pl.Int64) for n in meta.numbers]
    casts += [pl.col(t.key).cast(pl.String) for t in meta.free_text]
    casts += [
        pl.col(d.key).cast(pl.List(pl.String) if d.multi_valued else pl.String)
        for d in meta.dimensions
    ]
    casts += [
        pl.col(c.key).cast(pl.List(pl.String) if c.multiple else pl.String) for c in meta.choices
    ]
    return frame.with_columns(casts) if casts else frame
