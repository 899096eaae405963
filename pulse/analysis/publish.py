"""The one path to publication: :func:`publish_wave`.

Everything the platform shows (pages, PDF, Excel, CSV, SPSS, API) must come from a
:class:`PublishedWave`. Call ``publish_wave`` once per wave with the wave's fixed list of
breakdowns and one ``k``, store the result, and draw every view from it: disclosure control is
decided once for the whole wave, and two publications of the same wave with different
breakdowns, ``k`` or weighting could be combined to get round it.

Examples
--------
>>> import polars as pl
>>> from pulse.analysis.meta import Dimension, InstrumentMeta, Item, Option
>>> meta = InstrumentMeta(
...     items=(Item("q1", "q1", "We share learning", principle="P2"),),
...     dimensions=(Dimension("sector", "Sector", (Option("acute", "Acute"),
...                                                Option("primary", "Primary care"))),),
... )
>>> frame = pl.DataFrame({
...     "response_id": [f"r{i}" for i in range(30)],
...     "q1": [4, 5, 3] * 10,
...     "sector": ["acute"] * 25 + ["primary"] * 5,
... })
>>> wave = publish_wave(frame, meta, breakdowns=["sector"])
>>> wave.construct_scores.select("group_id", "n", "mean", "reason").rows()
[('all', 30, 7.5, None), ('sector=acute', None, None, 'parent_remainder'), ('sector=primary', None, None, 'below_k')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from pulse.analysis.engine import ALL_KINDS, MIN_K, WaveComputation, compute_wave
from pulse.analysis.groups import Breakdown, BreakdownSpec, default_breakdowns
from pulse.analysis.meta import InstrumentMeta
from pulse.analysis.reliability import reliability_tables
from pulse.analysis.tables import (
    construct_table,
    distribution_table,
    free_text_table,
    groups_table,
    item_table,
    number_table,
)
from pulse.analysis.text.themes import themes_table
from pulse.analysis.weighting import Weights

__all__ = ["PublishedWave", "publish_wave"]


@dataclass(frozen=True)
class PublishedWave:
    """Every publishable table of one wave, with disclosure control already applied.

    Tables (polars DataFrames; see ``docs/analysis.md`` for every column):
    ``groups``, ``construct_scores``, ``item_scores``, ``distributions``, ``numbers``,
    ``free_text``, ``themes``, ``reliability``, ``item_rest``; ``layer_items`` is the
    layer-grid part of ``item_scores``. No table has a row per respondent.
    """

    k: int
    weighted: bool
    breakdowns: tuple[Breakdown, ...]
    groups: pl.DataFrame
    construct_scores: pl.DataFrame
    item_scores: pl.DataFrame
    distributions: pl.DataFrame
    numbers: pl.DataFrame
    free_text: pl.DataFrame
    themes: pl.DataFrame
    reliability: pl.DataFrame
    item_rest: pl.DataFrame
    notes: tuple[str, ...] = ()

    @property
    def layer_items(self) -> pl.DataFrame:
        """Layer x item table: the layer-grid rows of ``item_scores``."""
        if "layer" not in self.item_scores.columns:
            return self.item_scores
        return self.item_scores.filter(pl.col("layer").is_not_null())

    def tables(self) -> dict[str, pl.DataFrame]:
        """Every table by name, for exports (Excel sheet per table, CSV per table...)."""
        return {
            "groups": self.groups,
            "construct_scores": self.construct_scores,
            "item_scores": self.item_scores,
            "layer_items": self.layer_items,
            "distributions": self.distributions,
            "numbers": self.numbers,
            "free_text": self.free_text,
            "themes": self.themes,
            "reliability": self.reliability,
            "item_rest": self.item_rest,
        }


def _reliability(comp: WaveComputation, wanted: bool) -> tuple[pl.DataFrame, pl.DataFrame]:
    if not wanted:
        skip = [c.key for c in comp.meta.constructs]
        return reliability_tables(comp.valid.clear(), comp.meta, min_n=comp.k, skip=skip)
    scored = comp.scored.collect()
    if comp.group_reasons[0] is not None:  # fewer than k responses: nothing to assess
        scored = scored.clear()
    return reliability_tables(scored, comp.meta, min_n=comp.k)


def publish_wave(
    frame: pl.DataFrame,
    meta: InstrumentMeta,
    *,
    breakdowns: Iterable[BreakdownSpec] | None = None,
    k: int = MIN_K,
    include: Iterable[str] = ALL_KINDS,
    weights: Weights | None = None,
    themes: bool = False,
) -> PublishedWave:
    """Compute and disclosure-control every result of one wave.

    Parameters
    ----------
    frame
        One row per response (see :mod:`pulse.analysis.frame` for the contract).
    meta
        The instrument version's metadata.
    breakdowns
        The wave's fixed list: dimension keys, or pairs of keys crossed (never more than two).
        ``"ics_code"`` may be used for a national frame. Default: every dimension alone and
        every pair (:func:`~pulse.analysis.groups.default_breakdowns`).
    k
        Minimum group size, at least 10 (``ValueError`` below 10).
    include
        Result kinds to compute: ``constructs``, ``items``, ``choices``, ``numbers``,
        ``free_text``, ``reliability`` (default: all). Decisions for one kind do not depend
        on the others.
    weights
        Optional post-stratification weights (:func:`~pulse.analysis.weighting.post_stratification_weights`).
    themes
        Also extract free-text themes for every published free-text cell (slow: run it in a
        background task).

    Returns
    -------
    PublishedWave
    """
    chosen = default_breakdowns(meta) if breakdowns is None else tuple(breakdowns)
    kinds = frozenset(include)
    comp = compute_wave(frame, meta, breakdowns=chosen, k=k, include=kinds, weights=weights)
    return _assemble(comp, kinds, weights, themes)


def _assemble(
    comp: WaveComputation, kinds: frozenset[str], weights: Weights | None, themes: bool
) -> PublishedWave:
    reliability, item_rest = _reliability(comp, "reliability" in kinds)
    notes = list(weights.notes) if weights is not None else []
    if comp.group_reasons[0] is not None:
        notes.append(f"fewer than {comp.k} responses: nothing can be shown")
    return PublishedWave(
        k=comp.k,
        weighted=comp.weighted,
        breakdowns=comp.plan.breakdowns,
        groups=groups_table(comp),
        construct_scores=construct_table(comp),
        item_scores=item_table(comp),
        distributions=distribution_table(comp),
        numbers=number_table(comp),
        free_text=free_text_table(comp),
        themes=themes_table(comp, skip=not themes),
        reliability=reliability,
        item_rest=item_rest,
        notes=tuple(notes),
    )
