"""Hypothesis properties of disclosure control, checked independently of the atom arithmetic.

Whatever the data, in the published tables of one wave:

* no published cell describes fewer than k respondents (its ``n`` is the true count);
* no published cell of one family (and no published group) lies inside another with a
  non-empty difference smaller than k (subtraction would describe those people);
* no set computable by subtraction (parent minus published siblings, or the union of the
  published siblings of a hidden parent) is non-empty and smaller than k, or differs from a
  published cell by fewer than k;
* a respondent planted with a unique combination of answers is never isolated, neither by one
  difference nor by any linear combination of a family's published totals.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import numpy as np
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulse.analysis.audit import PublishedCell, group_key, published_cells, wave_plan
from pulse.analysis.groups import group_id
from pulse.analysis.meta import InstrumentMeta
from pulse.analysis.publish import PublishedWave, publish_wave
from pulse.analysis.tests.factories import random_frame, small_meta

META = small_meta()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _small_difference(a: frozenset[str], b: frozenset[str], k: int) -> bool:
    """Subtracting one published set from another that contains it describes 1..k-1 people."""
    return (b <= a and 0 < len(a - b) < k) or (a <= b and 0 < len(b - a) < k)


def _by_family(cells: list[PublishedCell]) -> dict[str, dict[str, PublishedCell]]:
    out: dict[str, dict[str, PublishedCell]] = defaultdict(dict)
    for cell in cells:
        out[cell.family][cell.group_id] = cell
    return out


def _derived_sets(
    frame: pl.DataFrame,
    meta: InstrumentMeta,
    wave: PublishedWave,
    family: dict[str, PublishedCell],
    everyone: dict[str, frozenset[str]],
    second: bool,
) -> list[frozenset[str]]:
    """Sets an attacker computes by subtraction, for one family's published cells."""
    plan = wave_plan(frame, meta, wave)
    ids = [group_id(g.key) for g in plan.groups]
    derived = []
    for sib in plan.sibling_sets:
        published = [family[ids[c]] for c in sib.children if ids[c] in family]
        if not published:
            continue
        union = frozenset().union(*((c.also if second else c.members) for c in published))
        parent = family.get(ids[sib.parent])
        if parent is not None:
            derived.append((parent.also if second else parent.members) - union)
        elif len(published) >= 2:
            derived.append(union)
    del everyone
    return [d for d in derived if d]


def check_publication(frame: pl.DataFrame, meta: InstrumentMeta, wave: PublishedWave) -> None:
    k = wave.k
    cells = published_cells(frame, meta, wave)
    everyone = {c.group_id: c.members for c in cells if c.family == "group"}
    for family, by_group in _by_family(cells).items():
        for cell in by_group.values():
            assert cell.n == len(cell.members), (family, cell.group_id)
            assert cell.n >= k, (family, cell.group_id, cell.n)
        for a, b in combinations(by_group.values(), 2):
            assert not _small_difference(a.members, b.members, k), (family, a.group_id, b.group_id)
            assert not _small_difference(a.also, b.also, k), (family, a.group_id, b.group_id)
        for second in (False, True):
            derived = _derived_sets(frame, meta, wave, by_group, everyone, second)
            sets = [c.also if second else c.members for c in by_group.values()]
            for d in derived:
                assert len(d) >= k, (family, sorted(d))
                for s in sets:
                    assert not _small_difference(d, s, k), (family, sorted(d - s), sorted(s - d))


@SETTINGS
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(0, 90),
    k=st.sampled_from([10, 11, 15]),
    skew=st.floats(0.02, 0.3),
)
def test_no_published_cell_or_difference_is_below_k(seed: int, n: int, k: int, skew: float) -> None:
    frame = random_frame(
        seed, n, META, profession_p=(0.6 - skew, 0.25, 0.15, skew), place_p=(0.7 - skew, 0.3, skew)
    )
    wave = publish_wave(frame, META, k=k, include=["constructs", "items"])
    check_publication(frame, META, wave)


def _plant(frame: pl.DataFrame, profession: str, place: str, layers: list[str]) -> pl.DataFrame:
    planted = frame.head(1).with_columns(
        pl.lit("planted").alias("response_id"),
        pl.lit(profession).alias("profession_group"),
        pl.lit(place).alias("place"),
        pl.lit(layers, dtype=pl.List(pl.String)).alias("layer"),
        *(pl.lit(5, dtype=pl.Int8).alias(i.key) for i in META.items if i.layer is None),
    )
    grid = [i.key for i in META.items if i.layer is not None]
    planted = planted.with_columns(
        pl.lit(5 if i.layer in layers else None, dtype=pl.Int8).alias(key)
        for key in grid
        for i in [META.item(key)]
    )
    return pl.concat([frame, planted], how="vertical_relaxed")


@SETTINGS
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(15, 90),
    profession=st.sampled_from(["nursing", "medical", "ahp", "dental"]),
    place=st.sampled_from(["north", "south", "east"]),
    layers=st.lists(
        st.sampled_from(["system", "place", "organisation"]), min_size=1, max_size=3, unique=True
    ),
)
def test_planted_unique_respondent_is_never_isolated(
    seed: int, n: int, profession: str, place: str, layers: list[str]
) -> None:
    frame = _plant(random_frame(seed, n, META), profession, place, layers)
    wave = publish_wave(frame, META, include=["constructs", "items"])
    check_publication(frame, META, wave)
    cells = published_cells(frame, META, wave)
    for family, by_group in _by_family(cells).items():
        for a, b in combinations(by_group.values(), 2):
            assert not (b.members <= a.members and a.members - b.members == {"planted"}), family
            assert not (a.members <= b.members and b.members - a.members == {"planted"}), family
        # The decisive check: no linear combination of the published totals isolates them.
        assert not _derivable("planted", [c.members for c in by_group.values()]), family


def _derivable(person: str, sets: list[frozenset[str]]) -> bool:
    """Whether some linear combination of the published sets' totals isolates ``person``.

    Every published cell of a family gives the sum of one statistic over its set; the person's
    value is derivable exactly when their indicator vector lies in the span of the sets'.
    """
    people = sorted(set().union(*sets) | {person})
    index = {p: i for i, p in enumerate(people)}
    matrix = np.zeros((len(sets), len(people)))
    for row, members in enumerate(sets):
        matrix[row, [index[p] for p in members]] = 1.0
    target = np.zeros(len(people))
    target[index[person]] = 1.0
    if not sets:
        return False
    return bool(np.linalg.matrix_rank(np.vstack([matrix, target])) == np.linalg.matrix_rank(matrix))


def test_the_linear_attack_finds_inclusion_exclusion() -> None:
    a = frozenset({"planted", "x1", "x2"})
    b = frozenset({"planted", "y1", "y2"})
    everyone = frozenset({"planted", "x1", "x2", "y1", "y2"})
    assert _derivable("planted", [a, b, everyone])
    assert not _derivable("planted", [a, everyone])


def test_group_key_round_trips() -> None:
    key = (("profession_group", "nursing"), ("place", "north"))
    assert group_key(group_id(key)) == key
    assert group_key("all") == ()
