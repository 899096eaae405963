"""Disclosure control: which groups and cells of one wave may be published.

The rules (DESIGN.md section 6, ADR 0005) are applied to every statistic family separately,
after the group-level pass has decided which groups exist at all. For one family, with
contributor counts ``w`` per atom (a cell's ``n`` is the sum of ``w`` over its atoms):

``below_k`` / ``item_n_below_k`` / ``free_text_below_20``
    a cell whose ``n`` is below the minimum (k, or 20 for free text) is hidden.
``parent_remainder``
    a cell is hidden when its parent (the group with one condition fewer) is published and
    ``0 < n(parent) - n(cell) < k``.
``complementary``
    in every sibling set (one breakdown within one parent) the *derived complement*, parent
    minus the union of the published siblings, can be computed by subtraction; if it is
    non-empty and below k, the smallest published sibling is hidden too, and again until the
    complement is empty or at least k.
``differencing``
    over everything published for the wave, plus the derived sets (complements, and the union
    of the published siblings of a hidden parent), no pair ``A, B`` with ``B`` inside ``A`` may
    have ``0 < |A \\ B| < k`` (subtraction then describes that small set); the smaller *group*
    is hidden, or, when a derived set is involved, the next smallest sibling behind it.

Rules repeat until nothing changes; hiding only ever grows, so this ends.

Examples
--------
>>> import numpy as np
>>> from scipy import sparse
>>> from pulse.analysis.groups import SiblingSet
>>> # overall = atoms {0, 1}; group A = atom 0 (12 people), group B = atom 1 (3 people)
>>> m = sparse.csr_matrix(np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]))
>>> s = Structure(m, np.array([0, 1, 1]), ((), (0,), (0,)), (SiblingSet(0, (1, 2)),))
>>> suppress(s, [np.array([12.0, 3.0])], k=10, min_n=10, below_reason="below_k",
...          inherited=[None, None, None])
[None, 'parent_remainder', 'below_k']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from pulse.analysis.groups import SiblingSet

__all__ = ["REASONS", "Structure", "suppress"]

REASONS = (
    "below_k",
    "item_n_below_k",
    "free_text_below_20",
    "parent_remainder",
    "complementary",
    "differencing",
)

Vector = npt.NDArray[np.float64]
Reasons = list[str | None]


@dataclass(frozen=True)
class Structure:
    """Group membership over atoms and how groups nest."""

    membership: sparse.csr_matrix
    n_dims: npt.NDArray[np.int64]
    parents: tuple[tuple[int, ...], ...]
    sibling_sets: tuple[SiblingSet, ...]


@dataclass
class _State:
    structure: Structure
    weights: Sequence[Vector]
    sizes: list[Vector]
    reasons: Reasons
    k: int
    dense: npt.NDArray[np.bool_] | None = None


_DENSE_LIMIT = 20_000_000


def suppress(
    structure: Structure,
    weights: Sequence[Vector],
    *,
    k: int,
    min_n: int,
    below_reason: str,
    inherited: Sequence[str | None],
) -> Reasons:
    """Decide which groups (or one family's cells) are hidden, and why.

    Parameters
    ----------
    structure
        Membership and nesting of every group.
    weights
        Per-atom contributor counts; the first gives the published ``n``.
    k
        Threshold for remainders, complements and differences.
    min_n
        Minimum ``n`` of a published cell (k, or 20 for free text).
    below_reason
        Reason recorded when ``n < min_n``.
    inherited
        Reasons already decided (a group hidden at group level hides all its cells).

    Returns
    -------
    list
        One entry per group: ``None`` if published, else the reason it is hidden.
    """
    sizes = [np.asarray(structure.membership @ w, dtype=np.float64).ravel() for w in weights]
    reasons: Reasons = list(inherited)
    for g, reason in enumerate(reasons):
        if reason is None and sizes[0][g] < min_n:
            reasons[g] = below_reason
    m = structure.membership
    dense = m.toarray().astype(bool) if m.shape[0] * m.shape[1] <= _DENSE_LIMIT else None
    state = _State(structure, weights, sizes, reasons, k, dense)
    for _ in range(len(reasons) + 1):
        if _parent_remainder(state) or _complementary(state) or _differencing(state):
            continue
        break
    return state.reasons


def _small(d: float, k: int) -> bool:
    return 0.5 < d < k - 0.5


def _parent_remainder(state: _State) -> bool:
    changed = False
    for g, parents in enumerate(state.structure.parents):
        if state.reasons[g] is not None:
            continue
        for p in parents:
            if state.reasons[p] is not None:
                continue
            if any(_small(s[p] - s[g], state.k) for s in state.sizes):
                state.reasons[g] = "parent_remainder"
                changed = True
                break
    return changed


def _published(state: _State, ids: Sequence[int]) -> list[int]:
    return [i for i in ids if state.reasons[i] is None]


def _smallest(state: _State, ids: Sequence[int]) -> int:
    """The published group to hide first: smallest n, then most detailed, then last."""
    n_dims = state.structure.n_dims
    return min(ids, key=lambda i: (state.sizes[0][i], -int(n_dims[i]), -i))


def _union(state: _State, ids: Sequence[int]) -> Vector:
    if state.dense is not None:
        hit = state.dense[list(ids)].any(axis=0)
    else:
        hit = np.asarray(state.structure.membership[list(ids)].sum(axis=0)).ravel() > 0
    return np.asarray(hit, dtype=np.float64)


def _complementary(state: _State) -> bool:
    changed = False
    for sib in state.structure.sibling_sets:
        if state.reasons[sib.parent] is not None:
            continue
        pub = _published(state, sib.children)
        if not pub:
            continue
        union = _union(state, pub)
        for w, s in zip(state.weights, state.sizes, strict=True):
            if _small(s[sib.parent] - float(w @ union), state.k):
                state.reasons[_smallest(state, pub)] = "complementary"
                changed = True
                break
    return changed


def _derived_sets(state: _State) -> tuple[list[Vector], list[int]]:
    """Sets an attacker can compute by subtraction, with their sibling-set index."""
    vectors: list[Vector] = []
    owners: list[int] = []
    for si, sib in enumerate(state.structure.sibling_sets):
        pub = _published(state, sib.children)
        if not pub:
            continue
        union = _union(state, pub)
        if state.reasons[sib.parent] is None:
            parent = _parent_row(state, sib.parent)
            vec = parent - union
        elif len(pub) >= 2:
            vec = union
        else:
            continue
        if vec.any():
            vectors.append(vec)
            owners.append(si)
    return vectors, owners


def _parent_row(state: _State, parent: int) -> Vector:
    if state.dense is not None:
        return np.asarray(state.dense[parent], dtype=np.float64)
    return np.asarray(state.structure.membership[[parent]].toarray(), dtype=np.float64).ravel()


def _violations(
    state: _State, pool: sparse.csr_matrix | Vector
) -> tuple[npt.NDArray[np.int64], Vector]:
    viol = np.zeros((pool.shape[0], pool.shape[0]), dtype=bool)
    primary: Vector = np.zeros(pool.shape[0])
    for wi, w in enumerate(state.weights):
        if isinstance(pool, np.ndarray):
            # float32 is exact here: counts stay far below 2**24
            dense = pool * w[np.newaxis, :].astype(np.float32)
            inter = (dense @ pool.T).astype(np.float64)
            size = dense.sum(axis=1, dtype=np.float64)
        else:
            weighted = sparse.csr_matrix(pool.multiply(w[np.newaxis, :]))
            inter = (weighted @ pool.T).toarray()
            size = np.asarray(weighted.sum(axis=1)).ravel()
        if wi == 0:
            primary = size
        # |A \ B| (row A, column B). Subtracting B's totals from A's describes A \ B only when
        # B lies inside A (|B \ A| = 0); for overlapping sets the result mixes two groups that
        # are never published, and isolates no one (ADR 10).
        diff = size[:, np.newaxis] - inter
        inside = (size[np.newaxis, :] - inter) < 0.5
        viol |= (diff > 0.5) & (diff < state.k - 0.5) & inside
    viol |= viol.T
    pairs = np.argwhere(np.triu(viol, 1)).astype(np.int64)
    return pairs, primary


def _differencing(state: _State) -> bool:
    groups = _published(state, range(len(state.reasons)))
    derived, owners = _derived_sets(state)
    pool: sparse.csr_matrix | Vector
    if state.dense is not None:
        pool = np.vstack([state.dense[groups], *derived]).astype(np.float32)
    else:
        blocks = [state.structure.membership[groups]]
        if derived:
            blocks.append(sparse.csr_matrix(np.vstack(derived)))
        pool = sparse.vstack(blocks).tocsr()
    pairs, size = _violations(state, pool)
    if not pairs.size:
        return False
    order = np.argsort(np.minimum(size[pairs[:, 0]], size[pairs[:, 1]]), kind="stable")
    touched: set[int] = set()
    n_groups = len(groups)
    for a, b in pairs[order]:
        if a in touched or b in touched:
            continue
        touched.update((int(a), int(b)))
        _resolve(state, int(a), int(b), n_groups, groups, owners, size)
    return True


def _resolve(
    state: _State,
    a: int,
    b: int,
    n_groups: int,
    groups: list[int],
    owners: list[int],
    size: Vector,
) -> None:
    """Hide one side of a violating pair (pool indices ``a < b``)."""
    if b < n_groups:  # both groups: hide the smaller
        victim = _smallest(state, [groups[a], groups[b]])
        if state.structure.n_dims[victim] == 0:
            victim = groups[b] if victim == groups[a] else groups[a]
        state.reasons[victim] = "differencing"
        return
    if a < n_groups and state.structure.n_dims[groups[a]] > 0 and size[a] < size[b]:
        state.reasons[groups[a]] = "differencing"
        return
    # a derived set is involved: grow it by hiding the next smallest sibling behind it
    owner = owners[b - n_groups]
    if a >= n_groups and size[a] < size[b]:
        owner = owners[a - n_groups]
    sib = state.structure.sibling_sets[owner]
    pub = _published(state, sib.children)
    if pub:
        state.reasons[_smallest(state, pub)] = "complementary"
