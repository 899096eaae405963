"""Audit of a publication: every published cell with the respondents behind it.

This recomputes, directly from the response frame and without the atom arithmetic used by
:mod:`pulse.analysis.disclosure`, the set of ``response_id`` values that contribute to each
published cell. Tests use it to check the disclosure rules independently; a platform
administrator can use it to audit a stored publication. Its output is microdata: never
publish or export it.

Examples
--------
>>> import polars as pl
>>> from pulse.analysis.meta import InstrumentMeta, Item
>>> from pulse.analysis.publish import publish_wave
>>> meta = InstrumentMeta(items=(Item("q1", "q1", "Q1", principle="P1"),))
>>> frame = pl.DataFrame({"response_id": [f"r{i}" for i in range(12)], "q1": [4] * 12})
>>> cells = published_cells(frame, meta, publish_wave(frame, meta, breakdowns=[]))
>>> sorted({(c.family, len(c.members)) for c in cells})
[('construct:P1', 12), ('group', 12), ('item:q1', 12)]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl

from pulse.analysis.frame import ics_dimension, prepare_frame
from pulse.analysis.groups import GroupKey, GroupPlan, group_filter, plan_groups
from pulse.analysis.meta import ICS_DIMENSION, Dimension, InstrumentMeta
from pulse.analysis.publish import PublishedWave
from pulse.analysis.scoring import construct_column, item_column, score_frame

__all__ = ["PublishedCell", "group_key", "published_cells", "wave_plan"]


@dataclass(frozen=True)
class PublishedCell:
    """One published cell: its family, group, published ``n`` and contributing respondents.

    ``also`` is a second contributor set for the same family (item cells: everyone who
    answered, don't know included); it is ``members`` for other families.
    """

    family: str
    group_id: str
    n: int
    members: frozenset[str]
    also: frozenset[str]


def group_key(group_id: str) -> GroupKey:
    """Inverse of :func:`pulse.analysis.groups.group_id`."""
    if group_id == "all":
        return ()
    return tuple(tuple(part.split("=", 1)) for part in group_id.split("&"))  # type: ignore[misc]


def _dimensions(frame: pl.DataFrame, meta: InstrumentMeta) -> dict[str, Dimension]:
    dims: dict[str, Dimension] = {}
    if ICS_DIMENSION in frame.columns and frame.get_column(ICS_DIMENSION).drop_nulls().len():
        dims[ICS_DIMENSION] = ics_dimension(frame)
    for dim in meta.dimensions:
        dims[dim.key] = dim
    return dims


def wave_plan(frame: pl.DataFrame, meta: InstrumentMeta, published: PublishedWave) -> GroupPlan:
    """The group plan behind ``published`` (to find parents and sibling sets)."""
    return plan_groups(published.breakdowns, _dimensions(frame, meta))


def _ids(frame: pl.DataFrame, predicate: pl.Expr) -> frozenset[str]:
    return frozenset(frame.filter(predicate).get_column("response_id").to_list())


def _family_predicates(
    published: PublishedWave,
) -> Iterator[tuple[str, pl.DataFrame, str, pl.Expr, pl.Expr]]:
    """(family, table, n column, contributor predicate, second predicate)."""
    for row in published.construct_scores.select("construct").unique().iter_rows():
        p = pl.col(construct_column(row[0])).is_not_null()
        yield (
            f"construct:{row[0]}",
            published.construct_scores.filter(pl.col("construct") == row[0]),
            "n",
            p,
            p,
        )
    for row in published.item_scores.select("item").unique().iter_rows():
        scored = pl.col(item_column(row[0])).is_not_null()
        answered = pl.col(row[0]).is_not_null()
        yield (
            f"item:{row[0]}",
            published.item_scores.filter(pl.col("item") == row[0]),
            "n",
            scored,
            answered,
        )
    for row in published.numbers.select("question_key").unique().iter_rows():
        p = pl.col(row[0]).is_not_null()
        yield (
            f"number:{row[0]}",
            published.numbers.filter(pl.col("question_key") == row[0]),
            "n",
            p,
            p,
        )
    for row in published.free_text.select("question_key").unique().iter_rows():
        p = pl.col(row[0]).str.strip_chars().str.len_chars().fill_null(0) > 0
        table = published.free_text.filter(pl.col("question_key") == row[0])
        yield f"free_text:{row[0]}", table, "n_comments", p, p


def published_cells(
    frame: pl.DataFrame, meta: InstrumentMeta, published: PublishedWave
) -> list[PublishedCell]:
    """Every published (not suppressed) cell of ``published`` with its respondents."""
    scored = score_frame(prepare_frame(frame, meta), meta)
    dims = _dimensions(frame, meta)
    members = {
        gid: _ids(scored, group_filter(group_key(gid), dims))
        for gid in published.groups.get_column("group_id").to_list()
    }
    cells: list[PublishedCell] = []
    for row in published.groups.filter(~pl.col("suppressed")).iter_rows(named=True):
        ids = members[row["group_id"]]
        cells.append(PublishedCell("group", row["group_id"], row["n"], ids, ids))
    for family, table, n_col, first, second in _family_predicates(published):
        first_ids, second_ids = _ids(scored, first), _ids(scored, second)
        for row in table.filter(~pl.col("suppressed")).iter_rows(named=True):
            group = members[row["group_id"]]
            cells.append(
                PublishedCell(
                    family, row["group_id"], row[n_col], first_ids & group, second_ids & group
                )
            )
    return cells
