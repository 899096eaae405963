"""Internal engine: one pass from a response frame to group statistics and decisions.

``compute_wave`` validates and scores the frame, builds the atoms of the breakdown
dimensions, aggregates every feature per atom (one polars ``group_by``), multiplies by the
membership matrix to get every group's sufficient statistics, and runs disclosure control
once at group level and once per statistic family. :mod:`pulse.analysis.publish` turns the
result into the published tables; nothing here is published directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy import sparse

from pulse.analysis.disclosure import Structure, suppress
from pulse.analysis.features import WEIGHT, Family, families_for, feature_exprs
from pulse.analysis.frame import ics_dimension, prepare_frame
from pulse.analysis.groups import (
    BreakdownSpec,
    GroupPlan,
    atom_code_exprs,
    code_column,
    membership_matrix,
    plan_groups,
)
from pulse.analysis.meta import ICS_DIMENSION, Dimension, InstrumentMeta
from pulse.analysis.scoring import score_lazy
from pulse.analysis.weighting import Weights

__all__ = ["ALL_KINDS", "WaveComputation", "compute_wave", "min_k"]

ALL_KINDS = frozenset({"constructs", "items", "choices", "numbers", "free_text", "reliability"})
MIN_K = 10
FREE_TEXT_MIN = 20

Vector = npt.NDArray[np.float64]


def min_k(k: int) -> int:
    """Check the threshold: an integer, never below 10."""
    if isinstance(k, bool) or not isinstance(k, int):
        raise ValueError(f"k must be an integer, got {k!r}")
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K} (DESIGN.md section 6), got {k}")
    return k


@dataclass(frozen=True)
class WaveComputation:
    """Everything computed for one wave (internal: ``scored`` and ``valid`` are microdata).

    ``valid`` is the validated frame; ``scored`` adds construct (and item) scores, lazily.
    """

    meta: InstrumentMeta
    plan: GroupPlan
    k: int
    weighted: bool
    families: tuple[Family, ...]
    stats: Mapping[str, Vector]
    group_reasons: tuple[str | None, ...]
    family_reasons: Mapping[str, tuple[str | None, ...]]
    scored: pl.LazyFrame
    valid: pl.DataFrame
    membership: sparse.csr_matrix
    atoms: pl.DataFrame


def _dimensions(
    frame: pl.DataFrame, meta: InstrumentMeta, wanted: set[str]
) -> dict[str, Dimension]:
    dims: dict[str, Dimension] = {}
    if ICS_DIMENSION in wanted:
        dims[ICS_DIMENSION] = ics_dimension(frame)
    for dim in meta.dimensions:
        dims[dim.key] = dim
    return dims


def _wanted(breakdowns: Iterable[BreakdownSpec]) -> set[str]:
    return {d for b in breakdowns for d in ((b,) if isinstance(b, str) else tuple(b))}


def _aggregate(scored: pl.LazyFrame, dims: list[Dimension], exprs: list[pl.Expr]) -> pl.DataFrame:
    """One row per atom: its dimension codes and every feature summed over its respondents."""
    if not dims:
        return scored.select(exprs).collect()
    coded = scored.with_columns(atom_code_exprs(dims))
    keys = [code_column(d.key) for d in dims]
    return coded.group_by(keys).agg(exprs).sort(keys).collect()


def _family_minimum(family: Family, k: int) -> tuple[int, str]:
    if family.kind == "free_text":
        return max(k, FREE_TEXT_MIN), "free_text_below_20"
    if family.kind == "construct":
        return k, "below_k"
    return k, "item_n_below_k"


def _attach_weights(valid: pl.DataFrame, weights: Weights | None) -> pl.DataFrame:
    if weights is None:
        return valid
    table = weights.table.select("response_id", pl.col("weight").alias(WEIGHT))
    joined = valid.join(table, on="response_id", how="left")
    if joined.get_column(WEIGHT).null_count():
        raise ValueError("weights do not cover every response_id in the frame")
    return joined


def compute_wave(
    frame: pl.DataFrame,
    meta: InstrumentMeta,
    *,
    breakdowns: Iterable[BreakdownSpec],
    k: int = MIN_K,
    include: Iterable[str] = ALL_KINDS,
    weights: Weights | None = None,
) -> WaveComputation:
    """Score, aggregate and apply disclosure control to one wave."""
    k = min_k(k)
    kinds = frozenset(include)
    unknown = kinds - ALL_KINDS
    if unknown:
        raise ValueError(f"unknown result kinds {sorted(unknown)}; choose from {sorted(ALL_KINDS)}")
    breakdowns = list(breakdowns)
    valid = prepare_frame(frame, meta)
    dims = _dimensions(valid, meta, _wanted(breakdowns))
    plan = plan_groups(breakdowns, dims)
    atom_dims = list(plan.dimensions)
    if weights is not None and weights.dimension not in {d.key for d in atom_dims}:
        atom_dims.append(dims[weights.dimension])
    need_items = bool(kinds & {"items", "reliability"})
    valid = _attach_weights(valid, weights)
    scored = score_lazy(valid, meta, items=need_items)
    if "reliability" in kinds:
        scored = scored.collect().lazy()  # reused by the reliability tables
    families = families_for(meta, kinds)
    atoms = _aggregate(scored, atom_dims, feature_exprs(meta, families, weights is not None))
    membership = membership_matrix(plan, atoms) if plan.dimensions else _overall(atoms.height)
    stats = _group_stats(atoms, membership, len(plan.groups))
    structure = _structure(plan, membership)
    group_reasons = suppress(
        structure,
        [atoms.get_column("|members").cast(pl.Float64).to_numpy()],
        k=k,
        min_n=k,
        below_reason="below_k",
        inherited=[None] * len(plan.groups),
    )
    family_reasons = _family_decisions(structure, atoms, families, k, group_reasons)
    return WaveComputation(
        meta=meta,
        plan=plan,
        k=k,
        weighted=weights is not None,
        families=families,
        stats=stats,
        group_reasons=tuple(group_reasons),
        family_reasons=family_reasons,
        scored=scored,
        valid=valid,
        membership=membership,
        atoms=atoms,
    )


def _group_stats(
    atoms: pl.DataFrame, membership: sparse.csr_matrix, n_groups: int
) -> dict[str, Vector]:
    """Every feature summed over each group's atoms: ``membership @ atoms``."""
    features = [c for c in atoms.columns if not c.startswith("code:")]
    matrix = atoms.select(pl.col(features).cast(pl.Float64).fill_null(0.0)).to_numpy()
    grouped = np.asarray(membership @ matrix, dtype=np.float64).reshape(n_groups, -1)
    return {f: grouped[:, i] for i, f in enumerate(features)}


def _structure(plan: GroupPlan, membership: sparse.csr_matrix) -> Structure:
    return Structure(
        membership,
        np.array([len(g.key) for g in plan.groups], dtype=np.int64),
        tuple(g.parents for g in plan.groups),
        plan.sibling_sets,
    )


def _overall(n_atoms: int) -> sparse.csr_matrix:
    return sparse.csr_matrix(np.ones((1, n_atoms), dtype=np.float64))


def _family_decisions(
    structure: Structure,
    atoms: pl.DataFrame,
    families: tuple[Family, ...],
    k: int,
    group_reasons: list[str | None],
) -> dict[str, tuple[str | None, ...]]:
    """Run the rules per family; families with identical contributors share one decision."""
    cache: dict[tuple[bytes, ...], tuple[str | None, ...]] = {}
    out: dict[str, tuple[str | None, ...]] = {}
    for fam in families:
        vectors = [atoms.get_column(c).cast(pl.Float64).to_numpy() for c in fam.contributors]
        min_n, reason = _family_minimum(fam, k)
        key = (reason.encode(), *(v.tobytes() for v in vectors))
        if key not in cache:
            cache[key] = tuple(
                suppress(
                    structure,
                    vectors,
                    k=k,
                    min_n=min_n,
                    below_reason=reason,
                    inherited=group_reasons,
                )
            )
        out[fam.key] = cache[key]
    return out
