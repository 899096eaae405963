"""Breakdowns, groups and atoms.

A *breakdown* is one dimension, or two dimensions crossed (never more). A *group* is the
overall group or a conjunction of ``dimension = code`` conditions, identified by a
:data:`GroupKey` such as ``(("profession_group", "nursing"), ("place", "north"))``.

Every group is a union of *atoms*: the respondents who share the same code on every dimension
used by the breakdowns (a multi-valued dimension contributes the whole set of codes). All
disclosure arithmetic is done on atoms, which is exact (membership of every group is decided
by the atom) and fast (a national frame of a million responses has a few hundred atoms).

Examples
--------
>>> from pulse.analysis.meta import Dimension, Option
>>> dims = {"sector": Dimension("sector", "Sector", (Option("acute", "Acute"),
...                                                   Option("primary", "Primary care")))}
>>> plan = plan_groups(["sector"], dims)
>>> [g.key for g in plan.groups]
[(), (('sector', 'acute'),), (('sector', 'primary'),)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy import sparse

from pulse.analysis.meta import Dimension, InstrumentMeta

__all__ = [
    "Breakdown",
    "Group",
    "GroupKey",
    "GroupPlan",
    "SiblingSet",
    "default_breakdowns",
    "group_filter",
    "group_id",
    "normalise_breakdowns",
    "plan_groups",
]

GroupKey = tuple[tuple[str, str], ...]
Breakdown = tuple[str, ...]
BreakdownSpec = str | Sequence[str]


def group_id(key: GroupKey) -> str:
    """Stable text id of a group: ``"all"`` or ``"profession_group=nursing&place=north"``."""
    return "&".join(f"{d}={v}" for d, v in key) if key else "all"


@dataclass(frozen=True)
class Group:
    """One group: its key, its breakdown and the indices of its parent groups."""

    key: GroupKey
    breakdown: Breakdown
    parents: tuple[int, ...]


@dataclass(frozen=True)
class SiblingSet:
    """The groups of one breakdown within one parent (e.g. every place within nursing)."""

    parent: int
    children: tuple[int, ...]


@dataclass(frozen=True)
class GroupPlan:
    """All groups of a publication and how they nest."""

    breakdowns: tuple[Breakdown, ...]
    dimensions: tuple[Dimension, ...]
    groups: tuple[Group, ...]
    sibling_sets: tuple[SiblingSet, ...]

    def index(self) -> dict[GroupKey, int]:
        return {g.key: i for i, g in enumerate(self.groups)}


def default_breakdowns(meta: InstrumentMeta) -> tuple[Breakdown, ...]:
    """Every dimension alone and every pair of dimensions crossed."""
    keys = [d.key for d in meta.dimensions]
    return tuple([(k,) for k in keys] + [tuple(p) for p in combinations(keys, 2)])


def normalise_breakdowns(
    breakdowns: Iterable[BreakdownSpec], dims: Mapping[str, Dimension]
) -> tuple[Breakdown, ...]:
    """Validate breakdowns; order dimensions canonically and add the singles of each pair.

    Raises ``ValueError`` for unknown dimensions, a dimension crossed with itself, or more than
    two dimensions crossed.
    """
    order = {k: i for i, k in enumerate(dims)}
    out: set[Breakdown] = set()
    for spec in breakdowns:
        parts = (spec,) if isinstance(spec, str) else tuple(spec)
        if not parts or len(parts) > 2:
            raise ValueError(f"breakdown {spec!r}: one dimension, or two crossed, never more")
        for part in parts:
            if part not in dims:
                raise ValueError(f"breakdown {spec!r}: unknown dimension {part!r}")
        if len(set(parts)) != len(parts):
            raise ValueError(f"breakdown {spec!r} crosses a dimension with itself")
        canonical = tuple(sorted(parts, key=order.__getitem__))
        out.add(canonical)
        out.update((p,) for p in canonical)
    return tuple(sorted(out, key=lambda b: (len(b), [order[d] for d in b])))


def plan_groups(breakdowns: Iterable[BreakdownSpec], dims: Mapping[str, Dimension]) -> GroupPlan:
    """Enumerate every group (all option codes, observed or not) and the sibling sets."""
    normal = normalise_breakdowns(breakdowns, dims)
    groups: list[Group] = [Group((), (), ())]
    index: dict[GroupKey, int] = {(): 0}
    siblings: list[SiblingSet] = []
    for b in normal:
        codes = [dims[d].codes for d in b]
        for values in product(*codes):
            key = tuple(zip(b, values, strict=True))
            parents = (0,) if len(b) == 1 else tuple(index[(pair,)] for pair in key)
            index[key] = len(groups)
            groups.append(Group(key, b, parents))
        if len(b) == 1:
            siblings.append(SiblingSet(0, tuple(index[((b[0], v),)] for v in codes[0])))
            continue
        for axis in (0, 1):
            other = 1 - axis
            for v in codes[axis]:
                parent = index[((b[axis], v),)]
                kids = []
                for w in codes[other]:
                    pair = [(b[0], v), (b[1], w)] if axis == 0 else [(b[0], w), (b[1], v)]
                    kids.append(index[tuple(pair)])
                siblings.append(SiblingSet(parent, tuple(kids)))
    used = {d for b in normal for d in b}
    return GroupPlan(
        breakdowns=normal,
        dimensions=tuple(dims[d] for d in dims if d in used),
        groups=tuple(groups),
        sibling_sets=tuple(siblings),
    )


def code_column(dim_key: str) -> str:
    return f"code:{dim_key}"


def atom_code_exprs(dims: Sequence[Dimension]) -> list[pl.Expr]:
    """Integer codes per dimension: option index (null -> -1), or the ``mask:<key>`` bitmask
    (see :func:`pulse.analysis.frame.prepare_frame`) if multi-valued."""
    exprs: list[pl.Expr] = []
    for dim in dims:
        col = pl.col(dim.key)
        if dim.multi_valued:
            expr = pl.col(f"mask:{dim.key}")
        else:
            expr = col.cast(pl.Enum(dim.codes)).to_physical().cast(pl.Int64).fill_null(-1)
        exprs.append(expr.alias(code_column(dim.key)))
    return exprs


def membership_matrix(plan: GroupPlan, atoms: pl.DataFrame) -> sparse.csr_matrix:
    """Sparse 0/1 matrix, groups x atoms: which atoms make up each group."""
    n_atoms = atoms.height
    codes = {d.key: atoms.get_column(code_column(d.key)).to_numpy() for d in plan.dimensions}
    dims = {d.key: d for d in plan.dimensions}
    rows: list[npt.NDArray[np.int64]] = []
    cols: list[npt.NDArray[np.int64]] = []
    for gi, group in enumerate(plan.groups):
        mask = np.ones(n_atoms, dtype=bool)
        for dim_key, value in group.key:
            dim = dims[dim_key]
            idx = dim.codes.index(value)
            if dim.multi_valued:
                mask &= ((codes[dim_key] >> idx) & 1).astype(bool)
            else:
                mask &= codes[dim_key] == idx
        hit = np.flatnonzero(mask)
        rows.append(np.full(hit.size, gi, dtype=np.int64))
        cols.append(hit.astype(np.int64))
    data = np.ones(sum(r.size for r in rows), dtype=np.float64)
    return sparse.csr_matrix(
        (data, (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(plan.groups), n_atoms),
    )


def group_filter(key: GroupKey, dims: Mapping[str, Dimension]) -> pl.Expr:
    """Polars predicate selecting the respondents of group ``key`` (all rows for overall)."""
    expr = pl.lit(True)
    for dim_key, value in key:
        col = pl.col(dim_key)
        if dims[dim_key].multi_valued:
            expr = expr & col.list.contains(pl.lit(value)).fill_null(False)
        else:
            expr = expr & (col == value).fill_null(False)
    return expr
