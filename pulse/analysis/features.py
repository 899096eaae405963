"""Statistic families and their sufficient statistics, aggregated per atom.

A *family* is one published quantity computed for every group: a construct, an item (its
mean, % positive and answer distribution are one family, because any one of them reveals the
others' counts), a choice question's distribution, a number question's mean, or a free-text
question's themes. Each family names the features (sums and counts) it needs and the
*contributor* counts used by disclosure control.

Everything published is a function of per-atom sums, so ``groups = M @ atoms`` (``M`` the
0/1 membership matrix) gives every group's statistics in one sparse product.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pulse.analysis.meta import InstrumentMeta
from pulse.analysis.scoring import POSITIVE_THRESHOLD, construct_column, item_column

__all__ = ["Family", "families_for", "feature_exprs"]

WEIGHT = "__weight"


@dataclass(frozen=True)
class Family:
    """One statistic family.

    ``contributors`` are feature names whose per-atom values count the respondents who
    contribute (the first is the published ``n``); ``kind`` is one of ``construct``, ``item``,
    ``choice``, ``number``, ``free_text``.
    """

    key: str
    kind: str
    subject: str
    contributors: tuple[str, ...]
    features: tuple[str, ...]


def _stat_exprs(prefix: str, value: pl.Expr, weighted: bool, positive: bool) -> list[pl.Expr]:
    present = value.is_not_null()
    exprs = [
        present.sum().alias(f"{prefix}|n"),
        value.sum().alias(f"{prefix}|sum"),
        (value * value).sum().alias(f"{prefix}|ss"),
    ]
    if positive:
        exprs.append((value >= POSITIVE_THRESHOLD).sum().alias(f"{prefix}|pos"))
    if weighted:
        w = pl.when(present).then(pl.col(WEIGHT)).otherwise(0.0)
        exprs += [
            w.sum().alias(f"{prefix}|wn"),
            (w * w).sum().alias(f"{prefix}|w2"),
            (w * value).sum().alias(f"{prefix}|wsum"),
            (w * value * value).sum().alias(f"{prefix}|wss"),
        ]
        if positive:
            exprs.append((w * (value >= POSITIVE_THRESHOLD)).sum().alias(f"{prefix}|wpos"))
    return exprs


def _count_exprs(prefix: str, hits: dict[str, pl.Expr], weighted: bool) -> list[pl.Expr]:
    exprs = [hit.sum().alias(f"{prefix}|c:{code}") for code, hit in hits.items()]
    if weighted:
        exprs += [
            (pl.col(WEIGHT) * hit).sum().alias(f"{prefix}|wc:{code}") for code, hit in hits.items()
        ]
    return exprs


def families_for(meta: InstrumentMeta, include: frozenset[str]) -> tuple[Family, ...]:
    """The families to publish for ``meta``, limited to the kinds in ``include``."""
    out: list[Family] = []
    if "constructs" in include:
        for c in meta.constructs:
            p = f"construct:{c.key}"
            out.append(Family(p, "construct", c.key, (f"{p}|n",), (p,)))
    if "items" in include:
        for i in meta.items:
            p = f"item:{i.key}"
            out.append(Family(p, "item", i.key, (f"{p}|n", f"{p}|answered"), (p,)))
    if "choices" in include:
        for choice in meta.choices:
            p = f"choice:{choice.key}"
            out.append(Family(p, "choice", choice.key, (f"{p}|answered",), (p,)))
    if "numbers" in include:
        for number in meta.numbers:
            p = f"number:{number.key}"
            out.append(Family(p, "number", number.key, (f"{p}|n",), (p,)))
    if "free_text" in include:
        for text in meta.free_text:
            p = f"free_text:{text.key}"
            out.append(Family(p, "free_text", text.key, (f"{p}|n",), (p,)))
    return tuple(out)


def feature_exprs(
    meta: InstrumentMeta, families: tuple[Family, ...], weighted: bool
) -> list[pl.Expr]:
    """Aggregation expressions (one per feature) over a scored frame."""
    exprs: list[pl.Expr] = [pl.len().alias("|members")]
    if weighted:
        exprs.append(pl.col(WEIGHT).sum().alias("|wmembers"))
    for fam in families:
        p = fam.key
        if fam.kind == "construct":
            exprs += _stat_exprs(p, pl.col(construct_column(fam.subject)), weighted, True)
        elif fam.kind == "item":
            exprs += _stat_exprs(p, pl.col(item_column(fam.subject)), weighted, True)
            raw = pl.col(fam.subject)
            exprs.append(raw.is_not_null().sum().alias(f"{p}|answered"))
            hits = {str(code): raw == code for code in range(6)}
            exprs += _count_exprs(p, hits, weighted)
            if weighted:
                w = pl.when(raw.is_not_null()).then(pl.col(WEIGHT)).otherwise(0.0)
                exprs.append(w.sum().alias(f"{p}|wanswered"))
        elif fam.kind == "choice":
            q = next(c for c in meta.choices if c.key == fam.subject)
            col = pl.col(q.key)
            if q.multiple:
                answered = col.is_not_null() & (col.list.len() > 0)
                hits = {
                    o.code: col.list.contains(pl.lit(o.code)).fill_null(False) for o in q.options
                }
            else:
                answered = col.is_not_null()
                hits = {o.code: (col == o.code).fill_null(False) for o in q.options}
            exprs.append(answered.sum().alias(f"{p}|answered"))
            exprs += _count_exprs(p, hits, weighted)
            if weighted:
                w = pl.when(answered).then(pl.col(WEIGHT)).otherwise(0.0)
                exprs.append(w.sum().alias(f"{p}|wanswered"))
        elif fam.kind == "number":
            value = pl.col(fam.subject).cast(pl.Float64)
            exprs += _stat_exprs(p, value, weighted, False)
        else:  # free text: a comment counts when it has any non-space character
            text = pl.col(fam.subject)
            has = text.is_not_null() & (text.str.strip_chars().str.len_chars() > 0)
            exprs.append(has.sum().alias(f"{p}|n"))
    return exprs
